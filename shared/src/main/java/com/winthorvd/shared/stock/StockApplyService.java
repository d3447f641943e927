package com.winthorvd.shared.stock;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.sync.ClaimedApply;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Sets one SKU's inventory in one warehouse, always with quantity, unlimited flag and lead time together (the store
 * zeroes a quantity left out), after claiming {@code STOCK#<sku>@<branch>} for the change's version: an older value is
 * dropped, and a newer one waits while another applier is in the store call, so the newer value always ends up there.
 */
public final class StockApplyService {
    public enum Outcome { APPLIED, STALE, FAILED }

    private final ClaimedApply applier;
    private final StorePort store;
    private final Clock clock;
    private final JsonLog log;

    public StockApplyService(StateTable table, StorePort store, Clock clock, JsonLog log, Duration claimHold) {
        this.applier = new ClaimedApply(table, clock, claimHold);
        this.store = store;
        this.clock = clock;
        this.log = log;
    }

    public void handle(QueueMessage message) {
        apply(StockMessage.parse(message.body()));
    }

    public Outcome apply(StockMessage m) {
        String pk = Keys.stock(m.sku(), m.branch());
        Condition applies = Condition.of("attribute_not_exists(#version) OR #version < :v OR "
                        + "(#version = :v AND (#quantity <> :q OR #unlimited <> :u))")
                .name("#version", "version").name("#quantity", "quantity").name("#unlimited", "unlimited")
                .value(":q", m.quantity()).value(":u", Boolean.toString(m.unlimited()));
        return applier.run(pk, m.version(), applies, Map.of("sku", m.sku(), "branch", m.branch()), claimed -> {
            Map<String, AttributeValue> set = new LinkedHashMap<>();
            set.put("version", AttributeValue.fromN(Long.toString(m.version())));
            set.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
            // Recorded whatever the store says, so the scan queues this SKU again only when WinThor's value changes.
            set.put("quantity", AttributeValue.fromN(Long.toString(m.quantity())));
            set.put("unlimited", AttributeValue.fromS(Boolean.toString(m.unlimited())));
            set.put("warehouse", AttributeValue.fromS(m.warehouse()));
            try {
                store.setInventory(m.storeSkuId(), m.warehouse(), new StorePort.Inventory(m.quantity(), m.unlimited(), Duration.ZERO));
                set.put("status", AttributeValue.fromS("SYNCED"));
                return new ClaimedApply.Result<>(Outcome.APPLIED, set, List.of("reason", "params"));
            } catch (StoreException e) {
                if (e.isTransient()) {
                    throw e;
                }
                // Not retried: the same value would be refused again; a new value from WinThor tries again.
                set.put("status", AttributeValue.fromS("FAILED"));
                set.put("reason", AttributeValue.fromS(Reason.STORE_REFUSED.name()));
                set.put("params", AttributeValue.fromL(List.of(AttributeValue.fromS("embalagem"), AttributeValue.fromS(m.sku()),
                        AttributeValue.fromS(e.getMessage()))));
                log.warn(pk, "the store refused the inventory: " + e.getMessage(), Map.of("status", e.status()));
                return new ClaimedApply.Result<>(Outcome.FAILED, set, List.of());
            }
        }).orElse(Outcome.STALE);
    }
}
