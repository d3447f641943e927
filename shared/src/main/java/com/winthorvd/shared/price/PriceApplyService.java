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
 * Publishes one SKU's prices of one or more store price tables, after claiming the SKU's price item for the change's
 * version. Each table whose recorded version and hash show it already has this change (or a newer one) is left out.
 * One table that is not the base row goes by POST to that table alone; anything more (the base row, or several tables)
 * goes by one PUT carrying the base price and every table's fixed prices, the new ones and the others as recorded,
 * because a PUT replaces all of them: a SKU whose tables changed together costs one store call. The queue is FIFO per
 * SKU, so no two writes of one SKU's prices ever interleave. A zero or negative price is REJECTED and nothing of it is
 * published.
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
        apply(com.winthorvd.shared.queue.MalformedMessage.read(message.body(), PriceMessage::parse))
                .forEach(outcome -> log.outcome("price", outcome.name()));
    }

    /** Each table's outcome, in the message's order (STALE for every table when none of them applies any more). */
    public List<Outcome> apply(PriceMessage m) {
        String pk = Keys.price(m.sku());
        return applier.run(pk, m.version(), NOT_NEWER, Map.of("sku", m.sku()), new ClaimedApply.Work<List<Outcome>>() {
            @Override
            public ClaimedApply.Result<List<Outcome>> apply(Item claimed) {
                return publish(m, claimed);
            }

            @Override
            public Map<String, AttributeValue> setupFailed(StoreException e) {
                Map<String, AttributeValue> set = new LinkedHashMap<>();
                set.put("updatedAt", AttributeValue.fromS(clock.instant().toString()));
                for (PriceMessage.TablePrice t : m.tables()) {
                    failed(set, t.table(), Outcome.FAILED, Reason.STORE_AUTH_FAILED,
                            List.of("preço da embalagem", m.sku() + " (tabela " + t.table() + ")", e.getMessage()));
                }
                return set;
            }
        }).orElseGet(() -> m.tables().stream().map(t -> Outcome.STALE).toList());
    }

    /**
     * The claim's own test: no newer change of the SKU has claimed it. Which of the message's tables still lack this
     * change is decided on the item as claimed ({@link #due}), one table at a time; an expression testing every table
     * here would cost no less and grows with the tables.
     */
    private static final Condition NOT_NEWER = Condition.of("attribute_not_exists(#cv) OR #cv <= :v").name("#cv", "claimVersion");

    /** Whether the claimed item still lacks this table's change (the claim says only that some table does). */
    private static boolean due(Item claimed, PriceMessage.TablePrice t, long version) {
        long recorded = claimed.number(PriceState.version(t.table())).orElse(Long.MIN_VALUE);
        return recorded < version || recorded == version && !t.hash().equals(claimed.string(PriceState.hash(t.table())).orElse(null));
    }

    private ClaimedApply.Result<List<Outcome>> publish(PriceMessage m, Item claimed) {
        String pk = Keys.price(m.sku());
        Instant now = clock.instant();
        Map<String, AttributeValue> set = new LinkedHashMap<>();
        set.put("updatedAt", AttributeValue.fromS(now.toString()));
        Map<String, Outcome> outcomes = new LinkedHashMap<>();
        Map<PriceMessage.TablePrice, List<FixedPrice>> publishing = new LinkedHashMap<>();
        for (PriceMessage.TablePrice t : m.tables()) {
            if (!due(claimed, t, m.version())) {
                outcomes.put(t.table(), Outcome.STALE);
                continue;
            }
            set.put(PriceState.version(t.table()), AttributeValue.fromN(Long.toString(m.version())));
            var rejection = t.rejection();
            if (rejection.isPresent()) {
                // Our own rule, not the store's: recorded as handled, so it is queued again only when WinThor changes.
                set.put(PriceState.hash(t.table()), AttributeValue.fromS(t.hash()));
                log.warn(pk, "price not published: " + rejection.get().reason().message(rejection.get().params()), Map.of("table", t.table()));
                failed(set, t.table(), Outcome.REJECTED, rejection.get().reason(), rejection.get().params());
                outcomes.put(t.table(), Outcome.REJECTED);
            } else {
                publishing.put(t, t.fixedPrices(zone, now));
            }
        }
        List<String> remove = new ArrayList<>();
        if (!publishing.isEmpty()) {
            try {
                send(m.storeSkuId(), claimed, publishing);
                for (Map.Entry<PriceMessage.TablePrice, List<FixedPrice>> published : publishing.entrySet()) {
                    String table = published.getKey().table();
                    set.put(PriceState.hash(table), AttributeValue.fromS(published.getKey().hash()));
                    set.put(PriceState.fixed(table), PriceState.write(published.getValue()));
                    set.put(PriceState.status(table), AttributeValue.fromS("SYNCED"));
                    remove.add(PriceState.reason(table));
                    remove.add(PriceState.params(table));
                    if (published.getKey().base()) {
                        set.put("basePrice", AttributeValue.fromS(published.getKey().row().price().toPlainString()));
                    }
                    outcomes.put(table, Outcome.APPLIED);
                }
            } catch (StoreException e) {
                if (e.isTransient()) {
                    throw e;
                }
                // Not retried now: the same prices would be refused again. The hashes stay the published ones, so the
                // next full read sends them again.
                for (PriceMessage.TablePrice t : publishing.keySet()) {
                    log.warn(pk, "the store refused the prices: " + e.getMessage(), Map.of("status", e.status(), "table", t.table()));
                    failed(set, t.table(), Outcome.FAILED, Reason.STORE_REFUSED, List.of("preço da embalagem", m.sku(), e.getMessage()));
                    outcomes.put(t.table(), Outcome.FAILED);
                }
            }
        }
        return new ClaimedApply.Result<>(m.tables().stream().map(t -> outcomes.get(t.table())).toList(), set, remove);
    }

    /**
     * One store call: a POST of one table's fixed prices when that is all there is; otherwise one PUT of the base price
     * (the message's base row, or the one recorded) and every table's fixed prices. Without any base price known, a PUT
     * is impossible, so each table goes by its own POST.
     */
    private void send(long storeSkuId, Item claimed, Map<PriceMessage.TablePrice, List<FixedPrice>> publishing) {
        PriceMessage.TablePrice base = publishing.keySet().stream().filter(PriceMessage.TablePrice::base).findFirst().orElse(null);
        java.math.BigDecimal basePrice = base != null ? base.row().price()
                : claimed.string("basePrice").map(java.math.BigDecimal::new).orElse(null);
        if (base == null && (publishing.size() == 1 || basePrice == null)) {
            publishing.forEach((t, fixed) -> store.setFixedPrices(storeSkuId, t.table(), fixed));
            return;
        }
        List<FixedPrice> all = new ArrayList<>(PriceState.fixedPrices(claimed,
                publishing.keySet().stream().map(PriceMessage.TablePrice::table).collect(java.util.stream.Collectors.toSet())));
        publishing.values().forEach(all::addAll);
        store.setBasePrice(storeSkuId, basePrice, all);
    }

    private static void failed(Map<String, AttributeValue> set, String table, Outcome outcome, Reason reason, List<String> params) {
        set.put(PriceState.status(table), AttributeValue.fromS(outcome == Outcome.REJECTED ? "REJECTED" : "FAILED"));
        set.put(PriceState.reason(table), AttributeValue.fromS(reason.name()));
        set.put(PriceState.params(table), Reason.stored(params));
    }
}
