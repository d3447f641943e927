package com.winthorvd.shared.sync;

import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * SKUs the catalog flow has just created, per flow that must read them directly ({@code PENDING#<flow>}): a SKU
 * created after its last stock or price change would otherwise wait for the next change. A marker is removed only
 * after its reads were queued, so a failed scan reads it again, and only as it was read: one put again meanwhile (an
 * order's reservation changed during the scan) carries a new mark and stays for the next run.
 */
public final class PendingSkus {
    static final int PER_RUN = 500;

    private final StateTable table;
    private final String flow;
    private final List<Item> markers;

    private PendingSkus(StateTable table, String flow, List<Item> markers) {
        this.table = table;
        this.flow = flow;
        this.markers = markers;
    }

    /** The flows that read a new SKU directly, each given a marker by the catalog flow. */
    public static final List<String> FLOWS = List.of("stock-sync", "price-sync");

    public static void mark(StateTable table, String skuKey, long productId) {
        mark(table, FLOWS, skuKey, productId);
    }

    /** Marks the SKU for these flows only (the stock flow alone, say, when an order's reservation changes). */
    public static void mark(StateTable table, List<String> flows, String skuKey, long productId) {
        markers(flows, skuKey, productId).forEach(table::put);
    }

    /** The SKU's markers for these flows, for a caller that writes them with others in one batch. */
    public static List<Item> markers(List<String> flows, String skuKey, long productId) {
        return flows.stream().map(flow -> Item.key(Keys.pending(flow), skuKey).with("productId", productId)
                .with("mark", java.util.UUID.randomUUID().toString())).toList();
    }

    public static PendingSkus take(StateTable table, String flow) {
        return new PendingSkus(table, flow, table.query(Keys.pending(flow), "", false, PER_RUN));
    }

    public int size() {
        return markers.size();
    }

    /** The products of the new SKUs, each once (WinThor's targeted reads are per product). */
    public Set<Long> products() {
        Set<Long> products = new LinkedHashSet<>();
        markers.forEach(marker -> products.add(marker.number("productId").orElse(0L)));
        return products;
    }

    public void done() {
        for (Item marker : markers) {
            table.deleteIf(marker.pk(), marker.sk(), Condition.of("#mark = :mark").name("#mark", "mark")
                    .value(":mark", marker.string("mark").orElse("")));
        }
    }

    @Override
    public String toString() {
        return flow + ": " + markers.size() + " new SKU(s)";
    }
}
