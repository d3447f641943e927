package com.winthorvd.testkit.data;

import com.winthorvd.shared.sync.Reason;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The ground truth the demo data generator writes beside the data: what each record should become (synced, or
 * rejected with which reason and parameters), the stock each synced SKU should publish per branch, and its
 * prices per branch and region. End-to-end tests compare the store and the state table with it record by record.
 */
public final class Manifest {
    public enum Outcome { SYNCED, REJECTED }

    public record Expected(Outcome outcome, Reason reason, List<String> parameters) {
        public static Expected synced() {
            return new Expected(Outcome.SYNCED, null, List.of());
        }

        public static Expected rejected(Reason reason, String... parameters) {
            return new Expected(Outcome.REJECTED, reason, List.of(parameters));
        }
    }

    /** entity ("department", "section", "category", "brand", "product", "sku", "customer") -> key -> expected. */
    private final Map<String, Map<String, Expected>> records = new TreeMap<>();
    /** "sku@branch" -> packs the store should show (floor of available units / QTUNIT). */
    private final Map<String, Long> stock = new TreeMap<>();
    /** "sku@branch@region" -> price. */
    private final Map<String, BigDecimal> prices = new TreeMap<>();
    /** "sku@branch@region" -> the fixed prices of that price table in the store, as {@link #fixedPrice} writes them. */
    private final Map<String, List<String>> fixedPrices = new TreeMap<>();
    /** "sku@branch@region" -> why that price is not published. */
    private final Map<String, Expected> rejectedPrices = new TreeMap<>();

    void expect(String entity, String key, Expected expected) {
        records.computeIfAbsent(entity, e -> new TreeMap<>()).put(key, expected);
    }

    void stock(String skuAtBranch, long packs) {
        stock.put(skuAtBranch, packs);
    }

    void price(String skuAtBranchAtRegion, BigDecimal price, List<String> fixed) {
        prices.put(skuAtBranchAtRegion, price);
        fixedPrices.put(skuAtBranchAtRegion, fixed.stream().sorted().toList());
    }

    void priceRejected(String skuAtBranchAtRegion, Expected expected) {
        rejectedPrices.put(skuAtBranchAtRegion, expected);
    }

    /** One fixed price as compared: value, minimum quantity and the date range when it has one. */
    public static String fixedPrice(BigDecimal value, int minQuantity, Instant from, Instant to) {
        return value.stripTrailingZeros().toPlainString() + " x" + minQuantity + (from == null && to == null ? "" : " " + from + ".." + to);
    }

    public Map<String, List<String>> fixedPrices() {
        return fixedPrices;
    }

    public Map<String, Expected> rejectedPrices() {
        return rejectedPrices;
    }

    public Map<String, Expected> records(String entity) {
        return records.getOrDefault(entity, Map.of());
    }

    public Expected expected(String entity, String key) {
        return records(entity).get(key);
    }

    public Map<String, Long> stock() {
        return stock;
    }

    public Map<String, BigDecimal> prices() {
        return prices;
    }

    public long count(String entity, Outcome outcome) {
        return records(entity).values().stream().filter(e -> e.outcome() == outcome).count();
    }

    public long count(String entity, Reason reason) {
        return records(entity).values().stream().filter(e -> e.reason() == reason).count();
    }
}
