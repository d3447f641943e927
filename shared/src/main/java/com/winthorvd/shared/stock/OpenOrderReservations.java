package com.winthorvd.shared.stock;

import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.PendingSkus;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The packs of store orders already in WinThor and not yet invoiced or cancelled, per SKU and branch. WinThor's available
 * stock excludes them from the moment the order is created there, while the store keeps its own reservation until the
 * invoice: the stock flow adds them back so the buyer's packs are not taken twice. The order flow holds them when WinThor
 * takes the order and releases them when the order is invoiced or cancelled; each change marks the SKU for the stock
 * flow's next minute, so the store follows without waiting for WinThor's row to change.
 */
public final class OpenOrderReservations {
    static final List<String> FLOWS = List.of("stock-sync");

    /** One line of an order: packs of one SKU ("codauxiliar-codprod"). */
    public record Line(String skuKey, long packs) {
    }

    private OpenOrderReservations() {
    }

    /** The order's reservations and the stock flow's markers of its SKUs, in one batch write (a few per order). */
    public static void hold(StateTable table, String storeOrderId, String branchId, List<Line> lines) {
        List<Item> puts = new ArrayList<>();
        for (Line line : lines) {
            puts.add(Item.key(Keys.reserved(branchId), storeOrderId + "#" + line.skuKey()).with("packs", line.packs()));
            puts.addAll(markers(line.skuKey()));
        }
        table.writeAll(puts, List.of());
    }

    /** Removes the order's reservations and marks their SKUs for the stock flow, in one batch write. */
    public static void release(StateTable table, String storeOrderId, String branchId) {
        List<Item> held = table.query(Keys.reserved(branchId), storeOrderId + "#", false, 1000);
        List<Item> markers = new ArrayList<>();
        held.forEach(h -> markers.addAll(markers(h.sk().substring(h.sk().indexOf('#') + 1))));
        table.writeAll(markers, held);
    }

    /** Every branch's open reservations, read once per scan (open orders are few: a query per branch). */
    public static Reservations load(StateTable table, List<String> branchIds) {
        Map<String, Long> packs = new HashMap<>();
        for (String branch : branchIds) {
            for (Item held : table.query(Keys.reserved(branch), "", false, Integer.MAX_VALUE)) {
                packs.merge(held.sk().substring(held.sk().indexOf('#') + 1) + "@" + branch, held.number("packs").orElse(0L), Long::sum);
            }
        }
        return (sku, branch) -> packs.getOrDefault(sku + "@" + branch, 0L);
    }

    private static List<Item> markers(String skuKey) {
        return PendingSkus.markers(FLOWS, skuKey, Long.parseLong(skuKey.substring(skuKey.lastIndexOf('-') + 1)));
    }
}
