package com.winthorvd.shared.stock;

import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.PendingSkus;
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

    public static void hold(StateTable table, String storeOrderId, String branchId, List<Line> lines) {
        for (Line line : lines) {
            table.put(Item.key(Keys.reserved(branchId), storeOrderId + "#" + line.skuKey()).with("packs", line.packs()));
            mark(table, line.skuKey());
        }
    }

    public static void release(StateTable table, String storeOrderId, String branchId) {
        for (Item held : table.query(Keys.reserved(branchId), storeOrderId + "#", false, 1000)) {
            table.deleteIf(held.pk(), held.sk(), Condition.of("attribute_exists(pk)"));
            mark(table, held.sk().substring(held.sk().indexOf('#') + 1));
        }
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

    private static void mark(StateTable table, String skuKey) {
        PendingSkus.mark(table, FLOWS, skuKey, Long.parseLong(skuKey.substring(skuKey.lastIndexOf('-') + 1)));
    }
}
