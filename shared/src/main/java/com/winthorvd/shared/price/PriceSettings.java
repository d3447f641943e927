package com.winthorvd.shared.price;

import com.winthorvd.shared.config.Branches;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.sync.PriceTables;
import java.time.ZoneId;
import java.util.List;
import java.util.Map;

/**
 * The price flow's configuration: the branches read, the store price table of each (branch, price region) pair
 * (PRICE_TABLES, shared with the catalog flow's customers), the branch whose default region gives the store's base
 * price (CATALOG_BRANCH, the branch whose packagings are the store's SKUs) and each branch's default region
 * (PRICE_BASE_REGIONS {@code branch=region}, WinThor's parameter 4257; default 1), whether the branches sell by
 * packaging (PRICE_PER_PACKAGING) and the time zone of WinThor's offer dates (WINTHOR_TIME_ZONE).
 */
public record PriceSettings(List<String> branches, PriceTables tables, String baseBranch, Map<String, String> baseRegions,
                            boolean perPackaging, ZoneId zone, String queueUrl) {
    /** Rows per WinThor page of the price scan, unless PRICE_PAGE_SIZE says otherwise. */
    public static final int PAGE_SIZE = 500;

    public static PriceSettings read(ConfigReader config) {
        List<String> branches = Branches.list(config);
        return new PriceSettings(branches, PriceTables.read(config), Branches.catalogBranch(config, branches), config.pairs("PRICE_BASE_REGIONS"),
                Boolean.parseBoolean(config.optional("PRICE_PER_PACKAGING", "true")), com.winthorvd.shared.winthor.WinThorSettings.zone(config),
                config.required("PRICE_QUEUE_URL", "the price queue the scan fills"));
    }

    /** Whether this branch and region give the SKU's base price: the catalog branch in its default region. */
    public boolean isBase(String branch, String region) {
        return branch.equals(baseBranch) && region.equals(baseRegions.getOrDefault(branch, "1"));
    }
}
