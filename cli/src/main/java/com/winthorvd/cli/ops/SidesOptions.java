package com.winthorvd.cli.ops;

import picocli.CommandLine.Mixin;

/** The outside systems a command can be pointed at: a real WTA with its branches, and a real store. */
public final class SidesOptions {
    @Mixin WinThorOptions winthor;
    @Mixin BranchesOption branches;
    @Mixin StoreOptions store;

    public WinThorOptions winthor() {
        return winthor;
    }

    public BranchesOption branches() {
        return branches;
    }

    public StoreOptions store() {
        return store;
    }
}
