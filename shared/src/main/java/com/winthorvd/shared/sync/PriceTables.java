package com.winthorvd.shared.sync;

import com.winthorvd.shared.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The store price table of each (branch, price region) pair: PRICE_TABLES as {@code branch:region=table} pairs,
 * comma-separated; a pair not listed gets {@code filial<branch>-regiao<region>}. The catalog flow gives a customer the
 * table of its branch and region; the price flow writes that table's prices.
 */
public final class PriceTables {
    private final Map<String, String> tables;

    private PriceTables(Map<String, String> tables) {
        this.tables = tables;
    }

    public static PriceTables parse(String text) {
        Map<String, String> tables = new LinkedHashMap<>();
        if (text != null) {
            for (String pair : text.split(",")) {
                if (pair.isBlank()) {
                    continue;
                }
                String[] parts = pair.split("=");
                String[] key = parts[0].split(":");
                if (parts.length != 2 || key.length != 2 || parts[1].isBlank()) {
                    throw new IllegalArgumentException("PRICE_TABLES entry '" + pair.trim() + "' is not branch:region=table");
                }
                tables.put(key[0].trim() + ":" + key[1].trim(), parts[1].trim());
            }
        }
        return new PriceTables(tables);
    }

    /** PRICE_TABLES, a malformed entry reported as a configuration problem. */
    public static PriceTables read(ConfigReader config) {
        try {
            return parse(config.optional("PRICE_TABLES", ""));
        } catch (IllegalArgumentException e) {
            config.problem(e.getMessage());
            return parse(null);
        }
    }

    public String table(String branch, String region) {
        return tables.getOrDefault(branch + ":" + region, "filial" + branch + "-regiao" + region);
    }

    @Override
    public String toString() {
        return tables.toString();
    }
}
