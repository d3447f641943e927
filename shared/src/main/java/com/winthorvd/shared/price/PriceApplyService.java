package com.winthorvd.shared.price;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.StorePort.FixedPrice;
import com.winthorvd.shared.sync.ClaimedApply;
import com.winthorvd.shared.sync.Reason;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Publishes one SKU's prices of one store price table, after claiming the SKU's price item for the change's version.
 * A table's fixed prices go by POST to that table alone; the base row goes by one PUT carrying the base price and
 * every table's fixed prices as recorded, because a PUT replaces all of them. The queue is FIFO per SKU, so no two
 * writes of one SKU's prices ever interleave. A zero or negative price is REJECTED and nothing of it is published.
 */
public final class PriceApplyService {
    public enum Outcome { APPLIED, STALE, REJECTED, FAILED }

    private final ClaimedApply applier;
    private final StorePort store;
    private final ZoneId zone;
    private final Clock clock;
    private final JsonLog log;

    public PriceApplyService(StateTable table, StorePort store, ZoneId zone, Clock clock, JsonLog log, Duration claimHold) {
        this.applier = new ClaimedApply(table, clock, claimHold);
        this.store = store;
        this.zone = zone;
        this.clock = clock;
        this.log = log;
    }

    public void handle(QueueMessage message) {
        log.outcome("price", apply(com.winthorvd.shared.queue.MalformedMessage.read(message.body(), PriceMessage::parse)).name());
    }

    public Outcome apply(PriceMessage m) {
        String table = m.table();
        // The hash is of what the store confirmed: the same version applies again while it is not published.
        Condition applies = Condition.of("attribute_not_exists(#tv) OR #tv < :v OR (#tv = :v AND (attribute_not_exists(#th) OR #th <> :h))")
                .name("#tv", PriceState.version(table)).name("#th", PriceState.hash(table)).value(":h", m.hash());
        String pk = Keys.price(m.sku());
        return applier.run(pk, m.version(), applies, Map.of("sku", m.sku()), new ClaimedApply.Work<Outcome>() {
            @Override
            public ClaimedApply.Result<Outcome> apply(Item claimed) {
                Instant now = clock.instant();
                Map<String, AttributeValue> set = new LinkedHashMap<>();
                set.put(PriceState.version(table), AttributeValue.fromN(Long.toString(m.version())));
                set.put("updatedAt", AttributeValue.fromS(now.toString()));
                var rejection = m.rejection();
                if (rejection.isPresent()) {
                    // Our own rule, not the store's: recorded as handled, so it is queued again only when WinThor changes.
                    set.put(PriceState.hash(table), AttributeValue.fromS(m.hash()));
                    log.warn(pk, "price not published: " + rejection.get().reason().message(rejection.get().params()),
                            Map.of("table", table));
                    return outcome(Outcome.REJECTED, set, table, rejection.get().reason(), rejection.get().params());
                }
                List<FixedPrice> fixed = m.fixedPrices(zone, now);
                try {
                    if (m.base()) {
                        List<FixedPrice> all = new ArrayList<>(PriceState.fixedPrices(claimed, table));
                        all.addAll(fixed);
                        store.setBasePrice(m.storeSkuId(), m.row().price(), all);
                        set.put("basePrice", AttributeValue.fromS(m.row().price().toPlainString()));
                    } else {
                        store.setFixedPrices(m.storeSkuId(), table, fixed);
                    }
                } catch (StoreException e) {
                    if (e.isTransient()) {
                        throw e;
                    }
                    // Not retried now: the same prices would be refused again. The hash stays the published one, so
                    // the next full read sends them again.
                    log.warn(pk, "the store refused the prices: " + e.getMessage(), Map.of("status", e.status(), "table", table));
                    return outcome(Outcome.FAILED, set, table, Reason.STORE_REFUSED, List.of("preço da embalagem", m.sku(), e.getMessage()));
                }
                set.put(PriceState.hash(table), AttributeValue.fromS(m.hash()));
                set.put(PriceState.fixed(table), PriceState.write(fixed));
                set.put(PriceState.status(table), AttributeValue.fromS("SYNCED"));
                return new ClaimedApply.Result<>(Outcome.APPLIED, set, List.of(PriceState.reason(table), PriceState.params(table)));
            }

            @Override
            public Map<String, AttributeValue> setupFailed(StoreException e) {
                Map<String, AttributeValue> set = new LinkedHashMap<>();
                set.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
                return outcome(Outcome.FAILED, set, table, Reason.STORE_AUTH_FAILED,
                        List.of("preço da embalagem", m.sku() + " (tabela " + table + ")", e.getMessage())).set();
            }
        }).orElse(Outcome.STALE);
    }

    private static ClaimedApply.Result<Outcome> outcome(Outcome outcome, Map<String, AttributeValue> set, String table, Reason reason,
                                                        List<String> params) {
        set.put(PriceState.status(table), AttributeValue.fromS(outcome == Outcome.REJECTED ? "REJECTED" : "FAILED"));
        set.put(PriceState.reason(table), AttributeValue.fromS(reason.name()));
        set.put(PriceState.params(table), Reason.stored(params));
        return new ClaimedApply.Result<>(outcome, set, List.of());
    }
}
