package com.winthorvd.shared.order;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The order's state item {@code ORDER#<storeOrderId>} held under a leased claim: a conditional write gives one
 * invocation at a time the right to move it, and a claim its holder died with is taken over once it expires. Every
 * step is written under the claim, so an invocation whose claim was taken over stops instead of writing over the other.
 */
final class ClaimedOrder implements AutoCloseable {
    private final StateTable table;
    private final Clock clock;
    private final String orderId;
    private final String pk;
    private final String owner = UUID.randomUUID().toString();
    private Item item;

    private ClaimedOrder(StateTable table, Clock clock, String orderId, Item item) {
        this.table = table;
        this.clock = clock;
        this.orderId = orderId;
        this.pk = Keys.order(orderId);
        this.item = item;
    }

    /**
     * Claims the order for {@code hold}; empty while another invocation holds it. {@code create}: a first sight of the
     * order creates its item at RECEIVED; otherwise only an existing item is claimed (empty when there is none).
     */
    static Optional<ClaimedOrder> claim(StateTable table, Clock clock, String orderId, Duration hold, boolean create) {
        Instant now = clock.instant();
        ClaimedOrder claimed = new ClaimedOrder(table, clock, orderId, null);
        // The day's order list (gsi3, keys only) is written once, with the order's first sight: a later step rewrites no index.
        Condition update = Condition.of("SET #owner = :owner, #until = :until, #status = if_not_exists(#status, :received), "
                        + "#firstSeen = if_not_exists(#firstSeen, :now), #g3pk = if_not_exists(#g3pk, :day), #g3sk = if_not_exists(#g3sk, :seen)")
                .name("#owner", "claimOwner").name("#until", "claimUntil").name("#status", "status").name("#firstSeen", "firstSeen")
                .name("#g3pk", "gsi3pk").name("#g3sk", "gsi3sk")
                .value(":owner", claimed.owner).value(":until", now.plus(hold).toEpochMilli())
                .value(":received", OrderPushService.Status.RECEIVED.name()).value(":now", now.toString())
                .value(":day", Keys.ordersOn(now.atZone(java.time.ZoneOffset.UTC).toLocalDate())).value(":seen", now + "#" + orderId);
        Condition free = Condition.of((create ? "" : "attribute_exists(#status) AND ") + "(attribute_not_exists(#until) OR #until < :nowMillis)")
                .name("#until", "claimUntil").value(":nowMillis", now.toEpochMilli());
        if (!create) {
            free = free.name("#status", "status");
        }
        Optional<Item> item = table.updateReturning(claimed.pk, Keys.ONE, update, free);
        item.ifPresent(i -> claimed.item = i);
        return item.map(i -> claimed);
    }

    Item item() {
        return item;
    }

    OrderPushService.Status status() {
        return OrderPushService.Status.valueOf(item.string("status").orElse(OrderPushService.Status.RECEIVED.name()));
    }

    /** Writes attributes (and removes others) under the claim; a lost claim stops this attempt as a retryable failure. */
    void write(Map<String, AttributeValue> set, List<String> remove) {
        Map<String, AttributeValue> all = new LinkedHashMap<>(set);
        all.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        Condition update = Condition.update(all, Map.of(), remove);
        Condition owned = Condition.of("#owner = :owner").name("#owner", "claimOwner").value(":owner", owner);
        item = table.updateReturning(pk, Keys.ONE, update, owned)
                .orElseThrow(() -> new TransientFailure(orderId + ": the claim was lost before the step was written", null));
    }

    /**
     * Writes the order REJECTED with its reason and parameters, and the {@code OrdersRejected} metric the alarm
     * watches: a handled outcome that waits for a person ({@code order show}, {@code order retry}).
     */
    void reject(Reason reason, List<String> params, JsonLog log) {
        write(Map.of("status", text(OrderPushService.Status.REJECTED), "reason", text(reason.name()),
                "params", Reason.stored(params), "gsi2pk", text(Keys.REJECTED_ORDERS), "gsi2sk", text(clock.instant() + "#" + orderId)), List.of());
        log.metric("OrdersRejected", 1, orderId, "order rejected: " + reason.message(params), Map.of("reason", reason.name()));
    }

    /** A string attribute of the item. */
    static AttributeValue text(Object value) {
        return AttributeValue.fromS(String.valueOf(value));
    }

    @Override
    public void close() {
        table.updateIf(pk, Keys.ONE, Condition.of("REMOVE #owner, #until").name("#owner", "claimOwner").name("#until", "claimUntil"),
                Condition.of("#owner = :owner").name("#owner", "claimOwner").value(":owner", owner));
    }
}
