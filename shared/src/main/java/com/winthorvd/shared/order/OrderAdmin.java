package com.winthorvd.shared.order;

import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;

/** What the implementer does by hand with one order: see its path and state; send a rejected one again once fixed. */
public final class OrderAdmin {
    private final StateTable table;
    private final Consumer<OrderChange> queue;
    private final Clock clock;

    public OrderAdmin(StateTable table, Consumer<OrderChange> queue, Clock clock) {
        this.table = table;
        this.queue = queue;
        this.clock = clock;
    }

    /** The order's state item as shown: status, WinThor order number, reason in Portuguese, the times of its steps. */
    public Optional<Map<String, Object>> show(String storeOrderId) {
        return table.get(Keys.order(storeOrderId), Keys.ONE, StateTable.Read.CONSISTENT).map(item -> shown(storeOrderId, item));
    }

    private static Map<String, Object> shown(String storeOrderId, Item item) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("order", storeOrderId);
        out.put("status", item.string("status").orElse("RECEIVED"));
        item.string("numped").ifPresent(n -> out.put("winthorOrder", n));
        item.string("reason").ifPresent(r -> {
            out.put("reason", r);
            out.put("message", Redactor.redact(Reason.valueOf(r).message(item.list("params"))));
            String routine = Reason.valueOf(r).routine();
            if (routine != null) {
                out.put("routine", routine);
            }
        });
        item.string("error").ifPresent(e -> out.put("lastError", Redactor.redact(e)));
        for (String step : List.of("firstSeen", "creatingAt", "updatedAt")) {
            item.string(step).ifPresent(at -> out.put(step, at));
        }
        item.number("claimUntil").ifPresent(until -> out.put("claimedUntil", java.time.Instant.ofEpochMilli(until).toString()));
        return out;
    }

    /**
     * The rejected orders, oldest rejection first, each as {@link #show} shows it, at most {@code limit} of them (the
     * index lists them; each is read again, so one sent again meanwhile is left out).
     */
    public List<Map<String, Object>> rejected(int limit) {
        List<Item> keys = table.queryIndex(StateTable.GSI2, Keys.REJECTED_ORDERS, "", limit).stream()
                .map(entry -> Item.key(entry.pk(), entry.sk())).toList();
        List<Map<String, Object>> rejected = new java.util.ArrayList<>();
        for (Item item : table.batchGet(keys, StateTable.Read.EVENTUAL).values()) {
            if (OrderPushService.Status.REJECTED.name().equals(item.string("status").orElse(null))) {
                rejected.add(shown(Keys.storeOrderId(item.pk()), item));
            }
        }
        rejected.sort(java.util.Comparator.comparing(order -> String.valueOf(order.get("updatedAt"))));
        return rejected;
    }

    /**
     * The store orders first seen on these days (UTC), newest first, each as {@link #show} shows it, at most
     * {@code limit} of them.
     */
    public List<Map<String, Object>> seenOn(List<java.time.LocalDate> days, int limit) {
        List<Item> keys = new java.util.ArrayList<>();
        for (java.time.LocalDate day : days) {
            table.queryIndex(StateTable.GSI3, Keys.ordersOn(day), "", limit).forEach(entry -> keys.add(Item.key(entry.pk(), entry.sk())));
        }
        List<Map<String, Object>> orders = new java.util.ArrayList<>();
        table.batchGet(keys, StateTable.Read.EVENTUAL).values().forEach(item -> orders.add(shown(Keys.storeOrderId(item.pk()), item)));
        orders.sort(java.util.Comparator.comparing((Map<String, Object> order) -> String.valueOf(order.get("firstSeen"))).reversed());
        return orders.subList(0, Math.min(limit, orders.size()));
    }

    /** How many orders are REJECTED now (the index, counted). */
    public long rejectedCount() {
        return table.countInIndex(StateTable.GSI2, Keys.REJECTED_ORDERS);
    }

    /**
     * Sends a REJECTED order again once its cause is fixed. One that never reached WinThor goes back to RECEIVED and a
     * new change is queued (acting on the order's status in the store). One whose invoice the store refused goes back
     * to the status flow's pending list. Any other (one invoiced in WinThor and cancelled in the store) has nothing
     * to resend: false, as for an order that is not rejected. Every change is conditional on the order still being
     * REJECTED, so a retry racing another is a no-op.
     */
    public boolean retry(String storeOrderId) {
        Item item = table.get(Keys.order(storeOrderId), Keys.ONE, StateTable.Read.CONSISTENT).orElse(null);
        if (item == null || !OrderPushService.Status.REJECTED.name().equals(item.string("status").orElse(null))) {
            return false;
        }
        Optional<String> numped = item.string("numped");
        boolean invoiceRefused = Reason.ORDER_INVOICE_REFUSED.name().equals(item.string("reason").orElse(null));
        if (numped.isPresent() && !invoiceRefused) {
            return false;
        }
        OrderPushService.Status back = numped.isPresent() ? OrderPushService.Status.HANDLING_STARTED : OrderPushService.Status.RECEIVED;
        Condition update = Condition.of("SET #status = :back, #updatedAt = :now REMOVE #reason, #params, #gsi2pk, #gsi2sk")
                .name("#status", "status").name("#updatedAt", "updatedAt").name("#reason", "reason").name("#params", "params")
                .name("#gsi2pk", "gsi2pk").name("#gsi2sk", "gsi2sk")
                .value(":back", back.name()).value(":now", clock.instant().toString());
        Condition rejected = Condition.of("#status = :rejected").name("#status", "status")
                .value(":rejected", OrderPushService.Status.REJECTED.name());
        if (!table.updateIf(Keys.order(storeOrderId), Keys.ONE, update, rejected)) {
            return false;
        }
        if (numped.isPresent()) {
            OrderStatusService.retryNextRun(table, clock, storeOrderId, numped.get(), "F", null);
        } else {
            queue.accept(new OrderChange(storeOrderId, "retry", clock.instant().toString()));
        }
        return true;
    }
}
