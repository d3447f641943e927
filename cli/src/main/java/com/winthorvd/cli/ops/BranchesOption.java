package com.winthorvd.cli.ops;

import java.util.List;
import picocli.CommandLine.Option;

/** {@code --branches 1,2,3}: the WinThor branches (filiais) the integration covers. */
public final class BranchesOption {
    @Option(names = "--branches", split = ",", paramLabel = "BRANCH", description = "The branches (filiais) to integrate, with --winthor-url.")
    List<String> branches;

    /** The branches given, trimmed (none when not given). */
    public List<String> list() {
        return branches == null ? List.of() : branches.stream().map(String::trim).filter(b -> !b.isEmpty()).toList();
    }

    /** The branches, which a real WTA needs. */
    public List<String> required() {
        if (list().isEmpty()) {
            throw new UsageException("--branches is required with --winthor-url");
        }
        return list();
    }
}
