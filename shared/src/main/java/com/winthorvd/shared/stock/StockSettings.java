package com.winthorvd.shared.stock;

import com.winthorvd.shared.config.Branches;
import com.winthorvd.shared.config.ConfigReader;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The stock flow's configuration: the store warehouse of each branch (STOCK_WAREHOUSES {@code branch=warehouse}; a
 * branch not listed uses {@code filial<branch>}), the share of each branch's stock exposed (STOCK_SHARE_PERCENT, a cap,
 * default 100) and its safety stock in units (STOCK_SAFETY_UNITS, default 0), and whether WinThor already reports
 * per packaging (STOCK_PER_PACKAGING, WinThor's usesPackagingSales), and the rows per WinThor page (STOCK_PAGE_SIZE).
 */
public record StockSettings(List<String> branches, Map<String, String> warehouses, Map<String, Integer> sharePercent,
                            Map<String, Long> safetyUnits, boolean perPackaging, String queueUrl, int pageSize) {

    public static StockSettings read(ConfigReader config) {
        List<String> branches = Branches.list(config);
        Map<String, String> warehouses = Branches.warehouses(config, branches);
        Map<String, Integer> share = new LinkedHashMap<>();
        config.pairs("STOCK_SHARE_PERCENT").forEach((branch, text) -> {
            try {
                int percent = Integer.parseInt(text);
                if (percent < 0 || percent > 100) {
                    throw new NumberFormatException();
                }
                share.put(branch, percent);
            } catch (NumberFormatException e) {
                config.problem("STOCK_SHARE_PERCENT: '" + text + "' for branch " + branch + " is not a percentage from 0 to 100");
            }
        });
        Map<String, Long> safety = new LinkedHashMap<>();
        config.pairs("STOCK_SAFETY_UNITS").forEach((branch, text) -> {
            try {
                safety.put(branch, Long.parseLong(text));
            } catch (NumberFormatException e) {
                config.problem("STOCK_SAFETY_UNITS: '" + text + "' for branch " + branch + " is not a whole number of units");
            }
        });
        boolean perPackaging = Boolean.parseBoolean(config.optional("STOCK_PER_PACKAGING", "false"));
        return new StockSettings(branches, warehouses, share, safety, perPackaging,
                config.required("STOCK_QUEUE_URL", "the stock queue the scan fills"), config.integer("STOCK_PAGE_SIZE", 500, 10, 1000));
    }

    public String warehouse(String branch) {
        return warehouses.getOrDefault(branch, "filial" + branch);
    }

    /**
     * Packs to publish: the units WinThor has available (per packaging when it reports so), capped to the branch's share,
     * less its safety stock, in whole packs of QTUNIT, plus the packs of store orders already in WinThor and not yet
     * invoiced (WinThor's available stock excludes them while the store still holds their reservation). Never negative.
     */
    public long packs(String branch, BigDecimal reported, int unitsPerPack, long reservedPacks) {
        BigDecimal perPack = BigDecimal.valueOf(Math.max(1, unitsPerPack));
        BigDecimal units = perPackaging ? reported.multiply(perPack) : reported;
        BigDecimal capped = units.multiply(BigDecimal.valueOf(sharePercent.getOrDefault(branch, 100)))
                .divide(BigDecimal.valueOf(100), 0, RoundingMode.FLOOR);
        BigDecimal available = capped.subtract(BigDecimal.valueOf(safetyUnits.getOrDefault(branch, 0L)));
        long packs = available.signum() <= 0 ? 0 : available.divide(perPack, 0, RoundingMode.FLOOR).longValueExact();
        return Math.max(0, packs + reservedPacks);
    }
}
