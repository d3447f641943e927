package com.winthorvd.shared.stock;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
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

    /** From WinThor's change (the row's lastChange, its version) to the store's write: the stock lag, in ms. */
    public static final String LAG_METRIC = "StockLagMs";

    public void handle(QueueMessage message) {
        StockMessage m = com.winthorvd.shared.queue.MalformedMessage.read(message.body(), StockMessage::parse);
        Outcome outcome = apply(m);
        log.outcome("stock", outcome.name());
        if (outcome == Outcome.APPLIED) {
            log.metrics(Map.of(), Map.of(LAG_METRIC, Math.max(0, clock.millis() - m.version())));
        }
    }

    public Outcome apply(StockMessage m) {
        String pk = Keys.stock(m.sku(), m.branch());
        // quantity/unlimited are what the store confirmed: a change applies when newer, or of the same version but not
        // published yet (refused before, for any reason), so a resend after the cause is fixed goes through.
        Condition applies = Condition.of("attribute_not_exists(#version) OR #version < :v OR (#version = :v AND "
                        + "(attribute_not_exists(#quantity) OR #quantity <> :q OR #unlimited <> :u))")
                .name("#version", "version").name("#quantity", "quantity").name("#unlimited", "unlimited")
                .value(":q", m.quantity()).value(":u", Boolean.toString(m.unlimited()));
        return applier.run(pk, m.version(), applies, Map.of("sku", m.sku(), "branch", m.branch()), new ClaimedApply.Work<Outcome>() {
            @Override
            public ClaimedApply.Result<Outcome> apply(Item claimed) {
                Map<String, AttributeValue> set = attempt(m);
                set.put("version", AttributeValue.fromN(Long.toString(m.version())));
                try {
                    store.setInventory(m.storeSkuId(), m.warehouse(), new StorePort.Inventory(m.quantity(), m.unlimited(), Duration.ZERO));
                } catch (StoreException e) {
                    if (e.isTransient()) {
                        throw e;
                    }
                    // Not retried now: the same value would be refused again. The published value stays, so the next
                    // read of this row in WinThor (the nightly full read at the latest) sends it again.
                    set.putAll(failure(Reason.STORE_REFUSED, List.of("estoque da embalagem", m.sku(), e.getMessage())));
                    log.warn(pk, "the store refused the inventory: " + e.getMessage(), Map.of("status", e.status()));
                    return new ClaimedApply.Result<>(Outcome.FAILED, set, List.of());
                }
                set.put("quantity", AttributeValue.fromN(Long.toString(m.quantity())));
                set.put("unlimited", AttributeValue.fromS(Boolean.toString(m.unlimited())));
                set.put("status", AttributeValue.fromS("SYNCED"));
                return new ClaimedApply.Result<>(Outcome.APPLIED, set, List.of("reason", "params"));
            }

            @Override
            public Map<String, AttributeValue> setupFailed(StoreException e) {
                Map<String, AttributeValue> set = attempt(m);
                set.putAll(e.authFailure() ? failure(Reason.STORE_AUTH_FAILED, List.of("estoque da embalagem", m.sku(), e.getMessage()))
                        : failure(Reason.STOCK_WAREHOUSE_MISSING, List.of(m.sku(), m.warehouse(), e.getMessage())));
                return set;
            }
        }).orElse(Outcome.STALE);
    }

    /** What was last sent, apart from what the store confirmed. */
    private Map<String, AttributeValue> attempt(StockMessage m) {
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
        set.put("attemptedQuantity", AttributeValue.fromN(Long.toString(m.quantity())));
        set.put("attemptedUnlimited", AttributeValue.fromS(Boolean.toString(m.unlimited())));
        set.put("warehouse", AttributeValue.fromS(m.warehouse()));
        return set;
    }

    private static Map<String, AttributeValue> failure(Reason reason, List<String> params) {
        return Map.of("status", AttributeValue.fromS("FAILED"), "reason", AttributeValue.fromS(reason.name()),
                "params", Reason.stored(params));
    }
}
