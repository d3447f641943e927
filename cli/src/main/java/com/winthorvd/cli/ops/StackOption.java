package com.winthorvd.cli.ops;

import java.util.Map;
import picocli.CommandLine.Option;

/** {@code --stack NAME}: a deployed stack (AWS credentials from the usual chain) or the one {@code local up} runs. */
public final class StackOption {
    @Option(names = "--stack", required = true, paramLabel = "STACK",
            description = "A deployed stack's name (AWS credentials and region from the usual chain), or the one ./winthor-vd local up printed.")
    String name;

    StackResources resolve(Map<String, String> env) {
        return StackResources.resolve(name, env);
    }
}
