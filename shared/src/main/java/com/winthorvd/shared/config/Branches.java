package com.winthorvd.shared.config;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The branch settings every WinThor-facing flow shares, read one way: the branches (WINTHOR_BRANCHES), the catalog
 * branch (CATALOG_BRANCH, else the first), and each branch's store warehouse (STOCK_WAREHOUSES, else filial<branch>).
 */
public final class Branches {
    private Branches() {
    }

    public static List<String> list(ConfigReader config) {
        List<String> branches = config.list("WINTHOR_BRANCHES");
        if (branches.isEmpty()) {
            config.problem("WINTHOR_BRANCHES is missing (the WinThor branches to integrate, e.g. 1,2)");
        }
        return branches;
    }

    /** The branch whose packagings are the store's SKUs (and whose default region gives the base price). */
    public static String catalogBranch(ConfigReader config, List<String> branches) {
        String branch = config.optional("CATALOG_BRANCH", "");
        return branch.isEmpty() && !branches.isEmpty() ? branches.get(0) : branch;
    }

    /** Branch -> store warehouse, for every branch. */
    public static Map<String, String> warehouses(ConfigReader config, List<String> branches) {
        Map<String, String> given = config.pairs("STOCK_WAREHOUSES");
        Map<String, String> warehouses = new LinkedHashMap<>();
        for (String branch : branches) {
            warehouses.put(branch, given.getOrDefault(branch, "filial" + branch));
        }
        return warehouses;
    }
}
