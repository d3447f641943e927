package com.winthorvd.shared.stock;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.state.Claims;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sets one SKU's inventory in one warehouse, always with quantity, unlimited flag and lead time together (the store
 * zeroes a quantity left out), after claiming {@code STOCK#<sku>@<branch>} for the change's version: an older value is
 * dropped, and a newer one waits while another applier is in the store call, so the newer value always ends up there.
 */
public final class StockApplyService {
    public enum Outcome { APPLIED, STALE, FAILED }

    private final Claims claims;
    private final StorePort store;
    private final Clock clock;
    private final JsonLog log;
    private final Duration claimHold;

    public StockApplyService(StateTable table, StorePort store, Clock clock, JsonLog log, Duration claimHold) {
        this.claims = new Claims(table);
        this.store = store;
        this.clock = clock;
        this.log = log;
        this.claimHold = claimHold;
    }

    public void handle(QueueMessage message) {
        apply(StockMessage.parse(message.body()));
    }

    public Outcome apply(StockMessage m) {
        String pk = Keys.stock(m.sku(), m.branch());
        String owner = UUID.randomUUID().toString();
        Instant now = clock.instant();
        Condition applies = Condition.of("attribute_not_exists(#version) OR #version < :v OR "
                        + "(#version = :v AND (#quantity <> :q OR #unlimited <> :u))")
                .name("#version", "version").name("#quantity", "quantity").name("#unlimited", "unlimited")
                .value(":q", m.quantity()).value(":u", Boolean.toString(m.unlimited()));
        Claims.Claim claim = claims.claim(pk, m.version(), applies, Map.of("sku", m.sku(), "branch", m.branch()), owner, now,
                now.plus(claimHold));
        if (claim.kind() == Claims.Kind.STALE) {
            return Outcome.STALE;
        }
        if (claim.kind() == Claims.Kind.BUSY) {
            throw new TransientFailure(pk + " is being applied by another invocation", null);
        }
        boolean finished = false;
        try {
            Map<String, AttributeValue> set = new LinkedHashMap<>();
            set.put("version", AttributeValue.fromN(Long.toString(m.version())));
            set.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
            // Recorded whatever the store says, so the scan queues this SKU again only when WinThor's value changes.
            set.put("quantity", AttributeValue.fromN(Long.toString(m.quantity())));
            set.put("unlimited", AttributeValue.fromS(Boolean.toString(m.unlimited())));
            set.put("warehouse", AttributeValue.fromS(m.warehouse()));
            Outcome outcome;
            try {
                store.setInventory(m.storeSkuId(), m.warehouse(), new StorePort.Inventory(m.quantity(), m.unlimited(), Duration.ZERO));
                set.put("status", AttributeValue.fromS("SYNCED"));
                outcome = Outcome.APPLIED;
            } catch (StoreException e) {
                if (e.isTransient()) {
                    throw new TransientFailure("store: " + e.getMessage(), e.retryAfter().orElse(null), e);
                }
                // Not retried: the same value would be refused again; a new value from WinThor tries again.
                set.put("status", AttributeValue.fromS("FAILED"));
                set.put("reason", AttributeValue.fromS(Reason.STORE_REFUSED.name()));
                set.put("params", AttributeValue.fromL(List.of(AttributeValue.fromS("embalagem"), AttributeValue.fromS(m.sku()),
                        AttributeValue.fromS(e.getMessage()))));
                log.warn(pk, "the store refused the inventory: " + e.getMessage(), Map.of("status", e.status()));
                outcome = Outcome.FAILED;
            }
            finished = claims.finish(pk, owner, set, Map.of(), outcome == Outcome.APPLIED ? List.of("reason", "params") : List.of()).isPresent();
            if (!finished) {
                throw new TransientFailure(pk + ": the claim expired before the outcome was recorded", null);
            }
            return outcome;
        } finally {
            if (!finished) {
                claims.release(pk, owner);
            }
        }
    }
}
