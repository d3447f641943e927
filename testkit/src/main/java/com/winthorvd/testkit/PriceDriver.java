package com.winthorvd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.shared.price.PriceState;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs the price flow through the runner (a schedule fired, the FIFO queue drained by the apply function) and
 * compares the store's prices with the manifest, SKU by SKU and price table by price table.
 */
public final class PriceDriver {
    public static final String SCAN = "PriceScanFunction";
    public static final String APPLY = "PriceApplyFunction";

    private PriceDriver() {
    }

    /**
     * A full read ("Full" schedule) or only the SKUs just created ("NewSkus"), every firing until its run completes,
     * the apply consuming meanwhile as in Lambda; then the queue drained.
     */
    public static List<Map<?, ?>> sync(LocalWorld world, boolean full, int concurrency) {
        return world.runner.whileDraining(APPLY, Duration.ofHours(2), concurrency,
                () -> world.runner.fireUntilComplete(SCAN, full ? "Full" : "NewSkus"));
    }

    /**
     * Every synced SKU: its base price is the catalog branch's region 1 price, each (branch, region) table holds
     * exactly the manifest's fixed prices (price, live offer, wholesale), a rejected price has its reason in the state
     * and no fixed price in the store; no other SKU has a price.
     */
    public static List<String> mismatches(LocalWorld world, Manifest manifest) {
        List<String> problems = new ArrayList<>();
        Map<String, ObjectNode> skus = CatalogDriver.byRef(world.store.skus());
        for (Map.Entry<String, List<String>> expected : manifest.fixedPrices().entrySet()) {
            String[] key = expected.getKey().split("@");
            ObjectNode sku = skus.get(key[0]);
            ObjectNode price = sku == null ? null : world.store.price(sku.path("Id").asLong());
            if (price == null) {
                problems.add(expected.getKey() + ": no price in the store");
                continue;
            }
            List<String> actual = fixedPrices(price, table(key[1], key[2]));
            if (!actual.equals(expected.getValue())) {
                problems.add(expected.getKey() + ": fixed prices " + actual + ", expected " + expected.getValue());
            }
            if (key[1].equals("1") && key[2].equals("1")) {
                BigDecimal base = price.path("basePrice").decimalValue();
                if (base.compareTo(manifest.prices().get(expected.getKey())) != 0) {
                    problems.add(key[0] + ": base price " + base + ", expected " + manifest.prices().get(expected.getKey()));
                }
            }
        }
        for (Map.Entry<String, Manifest.Expected> rejected : manifest.rejectedPrices().entrySet()) {
            String[] key = rejected.getKey().split("@");
            String table = table(key[1], key[2]);
            ObjectNode sku = skus.get(key[0]);
            ObjectNode price = sku == null ? null : world.store.price(sku.path("Id").asLong());
            if (price != null && !fixedPrices(price, table).isEmpty()) {
                problems.add(rejected.getKey() + ": a rejected price is in the store: " + fixedPrices(price, table));
            }
            Item state = world.table.get(Keys.price(key[0]), Keys.ONE, StateTable.Read.CONSISTENT).orElse(null);
            List<String> params = state == null ? List.of() : state.list(PriceState.params(table));
            String reason = state == null ? null : state.string(PriceState.reason(table)).orElse(null);
            if (!rejected.getValue().reason().name().equals(reason) || !rejected.getValue().parameters().equals(params)) {
                problems.add(rejected.getKey() + ": state says " + reason + " " + params + ", expected " + rejected.getValue());
            }
        }
        long priced = skus.values().stream().filter(sku -> world.store.price(sku.path("Id").asLong()) != null).count();
        long expectedPriced = manifest.fixedPrices().keySet().stream().map(k -> k.split("@")[0]).distinct().count();
        if (priced != expectedPriced) {
            problems.add(priced + " SKUs with a price in the store, " + expectedPriced + " in the manifest");
        }
        return problems;
    }

    static String table(String branch, String region) {
        return "filial" + branch + "-regiao" + region;
    }

    /** One table's fixed prices in the store, written as the manifest writes them, sorted. */
    public static List<String> fixedPrices(ObjectNode price, String table) {
        List<String> out = new ArrayList<>();
        for (JsonNode fixed : price.path("fixedPrices")) {
            if (table.equals(fixed.path("tradePolicyId").asText())) {
                JsonNode range = fixed.path("dateRange");
                out.add(Manifest.fixedPrice(fixed.path("value").decimalValue(), fixed.path("minQuantity").asInt(),
                        instant(range.path("from")), instant(range.path("to"))));
            }
        }
        return out.stream().sorted().toList();
    }

    private static Instant instant(JsonNode node) {
        return node.isMissingNode() || node.isNull() ? null : Instant.parse(node.asText());
    }
}
