package com.winthorvd.shared.order;

import static com.winthorvd.shared.order.ClaimedOrder.text;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.stock.OpenOrderReservations;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.StorePort.StoreOrder;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.NfeDocument;
import com.winthorvd.shared.winthor.model.OrderRequest;
import com.winthorvd.shared.winthor.model.WinThorOrder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Brings one store order into WinThor exactly once. The order's item {@code ORDER#<id>} moves through explicit
 * steps, each written under a claim (a conditional write with a lease; a stale claim is taken over): RECEIVED ->
 * CREATING -> ERP_CREATED (NUMPED) -> HANDLING_STARTED, or REJECTED (reason), or UNKNOWN_OUTCOME, or CANCELLED. A
 * retry resumes where the last attempt stopped. The create is never retried blindly: after CREATING or
 * UNKNOWN_OUTCOME (a timeout, reset or 5xx, or a crash before the outcome was written) the customer's recent WinThor
 * orders are searched for this order's id first. The handler acts on the order's status read from the store, not on
 * the message's.
 */
public final class OrderPushService {
    /** The order's steps; INVOICE_PENDING, INVOICING and INVOICED are the status flow's, after WinThor invoiced it. */
    public enum Status { RECEIVED, CREATING, UNKNOWN_OUTCOME, ERP_CREATED, HANDLING_STARTED, REJECTED, CANCELLED, INVOICE_PENDING, INVOICING,
        INVOICED }

    static final Set<String> TO_PUSH = Set.of("ready-for-handling", "handling");
    static final Set<String> CANCELLED_IN_STORE = Set.of("canceled");
    /** How far before the create the search for an order of unknown outcome starts (clocks differ). */
    static final Duration SEARCH_MARGIN = Duration.ofMinutes(10);
    static final int DAYS_OF_SEARCH = 3;

    private final StorePort store;
    private final WinThorApi winthor;
    private final OrderMapper mapper;
    private final OrderSettings settings;
    private final StateTable table;
    private final Clock clock;
    private final JsonLog log;
    private final Duration claimHold;
    private final Duration outcomeSettle;

    /**
     * {@code outcomeSettle}: how long after a create of unknown outcome the search waits, because a create that timed
     * out here may still be running in WinThor; searching sooner could miss it and create the order twice.
     */
    public OrderPushService(StorePort store, WinThorApi winthor, OrderMapper mapper, OrderSettings settings, StateTable table,
                            Clock clock, JsonLog log, Duration claimHold, Duration outcomeSettle) {
        this.store = store;
        this.winthor = winthor;
        this.mapper = mapper;
        this.settings = settings;
        this.table = table;
        this.clock = clock;
        this.log = log;
        this.claimHold = claimHold;
        this.outcomeSettle = outcomeSettle;
    }

    public void handle(QueueMessage message) {
        push(OrderChange.parse(message.body()));
    }

    public Status push(OrderChange change) {
        String orderId = change.orderId();
        try (ClaimedOrder claimed = ClaimedOrder.claim(table, clock, orderId, claimHold, true)
                .orElseThrow(() -> new TransientFailure(orderId + " is being pushed by another invocation", null))) {
            return new Attempt(orderId, claimed).run();
        }
    }

    /** One attempt on one order, under its claim. */
    private final class Attempt {
        final String orderId;
        final ClaimedOrder claimed;

        Attempt(String orderId, ClaimedOrder claimed) {
            this.orderId = orderId;
            this.claimed = claimed;
        }

        Status run() {
            Status current = claimed.status();
            StoreOrder order = transientOnFailure("store", () -> store.order(orderId)).orElse(null);
            if (order == null) {
                return current == Status.RECEIVED ? reject(Reason.ORDER_NOT_IN_STORE, List.of(orderId)) : current;
            }
            if (CANCELLED_IN_STORE.contains(order.status())) {
                return cancel(order, current);
            }
            if (!TO_PUSH.contains(order.status())) {
                log.info(orderId, "order not pushed in store status " + order.status(), Map.of("state", current.name()));
                return current;
            }
            return switch (current) {
                case HANDLING_STARTED, REJECTED, CANCELLED, INVOICE_PENDING, INVOICING, INVOICED -> current;
                case ERP_CREATED -> startHandling(order);
                case RECEIVED, CREATING, UNKNOWN_OUTCOME -> create(order, current);
            };
        }

        private Status create(StoreOrder order, Status current) {
            OrderMapper.Result mapped = transientOnFailure("WinThor", () -> mapper.map(order));
            if (mapped instanceof OrderMapper.Rejected rejected) {
                return reject(rejected.reason(), rejected.params());
            }
            OrderRequest request = ((OrderMapper.Mapped) mapped).request();
            if (current != Status.RECEIVED) {
                Optional<String> found = find(request);
                if (found.isPresent()) {
                    log.info(orderId, "the earlier create did reach WinThor: order " + found.get(), Map.of("was", current.name()));
                    return created(found.get(), order, request.branchId());
                }
            }
            claimed.write(Map.of("status", text(Status.CREATING), "creatingAt", text(clock.instant().toString()),
                    "customerId", n(request.customerId()), "branchId", text(request.branchId())), List.of());
            String numped;
            try {
                numped = winthor.createOrder(request).orderId();
            } catch (WinThorException e) {
                if (e.isTransient()) {
                    claimed.write(Map.of("status", text(Status.UNKNOWN_OUTCOME), "error", text(e.getMessage())), List.of());
                    throw new TransientFailure("WinThor create of " + orderId + ": " + e.getMessage() + " (outcome unknown: searched first next time)", e);
                }
                return reject(Reason.ORDER_WINTHOR_REFUSED, List.of(orderId, e.getMessage()));
            }
            return created(numped, order, request.branchId());
        }

        private Status created(String numped, StoreOrder order, String branch) {
            // Held before the step is written: a retry after a crash here holds them again (the same items).
            OpenOrderReservations.hold(table, orderId, branch, order.lines().stream()
                    .map(l -> new OpenOrderReservations.Line(l.reference(), l.quantity())).toList());
            claimed.write(Map.of("status", text(Status.ERP_CREATED), "numped", text(numped), "gsi1pk", text("NUMPED#" + numped), "gsi1sk", text(orderId)),
                    List.of("error"));
            log.info(orderId, "order in WinThor", Map.of("numped", numped));
            return startHandling(order);
        }

        /** Tells the store the order is being handled (once: a retry after the call finds it handling already). */
        private Status startHandling(StoreOrder order) {
            if (!"handling".equals(order.status())) {
                transientOnFailure("store", () -> {
                    store.startHandling(orderId);
                    return null;
                });
            }
            claimed.write(Map.of("status", text(Status.HANDLING_STARTED)), List.of());
            return Status.HANDLING_STARTED;
        }

        /**
         * The order in WinThor, looked up by its store id among the customer's orders since shortly before the create;
         * only once the create has had time to finish there.
         */
        private Optional<String> find(OrderRequest request) {
            Instant settled = claimed.item().string("creatingAt").map(Instant::parse).orElse(Instant.MIN).plus(outcomeSettle);
            if (clock.instant().isBefore(settled)) {
                throw new TransientFailure(orderId + ": the last create's outcome is unknown and WinThor may still be running it;"
                        + " searched for from " + settled, null);
            }
            Instant since = claimed.item().string("creatingAt").map(Instant::parse).orElse(clock.instant()).minus(SEARCH_MARGIN);
            return transientOnFailure("WinThor", () -> {
                Iterator<WinThorOrder> orders = winthor.orders(List.of(request.branchId()), LocalDateTime.ofInstant(since, settings.zone()),
                        null, request.customerId(), DAYS_OF_SEARCH);
                while (orders.hasNext()) {
                    WinThorOrder order = orders.next();
                    if (orderId.equals(order.orderIdMktplace())
                            || (order.observation() != null && order.observation().contains(OrderMapper.marker(orderId)))) {
                        return Optional.of(order.orderId());
                    }
                }
                return Optional.<String>empty();
            });
        }

        private Status cancel(StoreOrder order, Status current) {
            if (current == Status.CANCELLED) {
                return current;
            }
            String numped = claimed.item().string("numped").orElse(null);
            if (numped == null && (current == Status.CREATING || current == Status.UNKNOWN_OUTCOME)) {
                OrderMapper.Result mapped = transientOnFailure("WinThor", () -> mapper.map(order));
                if (mapped instanceof OrderMapper.Mapped m) {
                    numped = find(m.request()).orElse(null);
                }
            }
            if (numped == null) {
                claimed.write(Map.of("status", text(Status.CANCELLED)), List.of());
                return Status.CANCELLED;
            }
            String erpOrder = numped;
            WinThorOrder inErp = transientOnFailure("WinThor", () -> winthor.order(erpOrder)).orElse(null);
            if (inErp != null && "F".equals(inErp.status())) {
                String nf = transientOnFailure("WinThor", () -> winthor.invoiceXml(erpOrder)).map(xml -> {
                    try {
                        return NfeDocument.parse(xml).number();
                    } catch (NfeDocument.Unreadable e) {
                        return "?";
                    }
                }).orElse("?");
                return reject(Reason.ORDER_INVOICED_CANNOT_CANCEL, List.of(orderId, erpOrder, nf));
            }
            if (inErp == null || !"C".equals(inErp.status())) {
                transientOnFailure("WinThor", () -> {
                    winthor.cancelOrder(erpOrder, "Cancelado na loja Venda Digital (pedido " + orderId + ")");
                    return null;
                });
            }
            claimed.write(Map.of("status", text(Status.CANCELLED)), List.of());
            claimed.item().string("branchId").ifPresent(branch -> OpenOrderReservations.release(table, orderId, branch));
            log.info(orderId, "order cancelled in WinThor", Map.of("numped", erpOrder));
            return Status.CANCELLED;
        }

        private Status reject(Reason reason, List<String> params) {
            claimed.reject(reason, params, log);
            return Status.REJECTED;
        }
    }

    /** A WinThor or store failure worth retrying becomes a backed-off retry; any other goes up as it is. */
    private static <T> T transientOnFailure(String system, Supplier<T> call) {
        try {
            return call.get();
        } catch (WinThorException e) {
            if (e.isTransient()) {
                throw new TransientFailure(system + ": " + e.getMessage(), e);
            }
            throw e;
        } catch (StoreException e) {
            if (e.isTransient()) {
                throw new TransientFailure(system + ": " + e.getMessage(), e.retryAfter().orElse(null), e);
            }
            throw e;
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
