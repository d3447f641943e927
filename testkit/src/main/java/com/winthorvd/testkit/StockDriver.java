package com.winthorvd.testkit;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.testkit.data.Manifest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the stock flow through the runner (the schedule fired once, then the queue drained by the apply function) and
 * compares the store's inventories with the manifest, SKU by SKU and branch by branch.
 */
public final class StockDriver {
    public static final String SCAN = "StockScanFunction";
    public static final String APPLY = "StockApplyFunction";

    private StockDriver() {
    }

    public static List<Map<?, ?>> sync(LocalWorld world, int concurrency) {
        return sync(world, "EveryMinute", concurrency);
    }

    /** The nightly full read, then the queue drained. */
    public static List<Map<?, ?>> syncFull(LocalWorld world) {
        return sync(world, "Nightly", 1);
    }

    /** Every firing of the schedule until its run completes; the apply consumes meanwhile, as in Lambda. */
    private static List<Map<?, ?>> sync(LocalWorld world, String schedule, int concurrency) {
        return world.runner.whileDraining(APPLY, Duration.ofHours(2), concurrency, () -> world.runner.fireUntilComplete(SCAN, schedule));
    }

    /** Every synced SKU's packs in every branch's warehouse equal the manifest's; nothing else has an inventory. */
    public static List<String> mismatches(LocalWorld world, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        Map<String, ObjectNode> skus = CatalogDriver.byRef(world.store.skus());
        int inventories = 0;
        for (Map.Entry<String, Long> expected : manifest.stock().entrySet()) {
            String[] skuAtBranch = expected.getKey().split("@");
            ObjectNode sku = skus.get(skuAtBranch[0]);
            ObjectNode level = sku == null ? null : world.store.inventory(sku.path("Id").asLong(), "filial" + skuAtBranch[1]);
            if (level == null) {
                problems.add(expected.getKey() + ": no inventory in the store, expected " + expected.getValue());
            } else if (level.path("quantity").asLong() != expected.getValue()) {
                problems.add(expected.getKey() + ": " + level.path("quantity").asLong() + " in the store, expected " + expected.getValue());
            }
        }
        for (ObjectNode sku : skus.values()) {
            for (String branch : LocalWorld.BRANCHES.split(",")) {
                if (world.store.inventory(sku.path("Id").asLong(), "filial" + branch) != null) {
                    inventories++;
                }
            }
        }
        if (inventories != manifest.stock().size()) {
            problems.add(inventories + " inventories in the store, " + manifest.stock().size() + " in the manifest");
        }
        return problems;
    }
}
