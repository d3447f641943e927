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
import com.winthorvd.shared.winthor.WinThorApiException;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.NfeDocument;
import com.winthorvd.shared.winthor.model.OrderRequest;
import com.winthorvd.shared.winthor.model.WinThorOrder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
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
        push(com.winthorvd.shared.queue.MalformedMessage.read(message.body(), OrderChange::parse));
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
            // Whatever brought the order back (a retry after a crash, an unknown outcome, `order retry` of a refused
            // create), one that ever reached CREATING is looked for in WinThor before any create.
            if (claimed.item().string("creatingAt").isPresent()) {
                Search found = find();
                if (found.ambiguous()) {
                    return rejectAmbiguous(found);
                }
                if (found.numped().isPresent()) {
                    log.info(orderId, "the earlier create did reach WinThor: order " + found.numped().get(), Map.of("was", current.name(),
                            "matchedBy", found.by()));
                    return created(found.numped().get(), order, claimed.item().string("branchId").orElseThrow());
                }
            }
            if (mapped instanceof OrderMapper.Unregistered buyer) {
                mapped = transientOnFailure("WinThor", () -> mapper.register(buyer)); // the one step that writes a customer
            }
            if (mapped instanceof OrderMapper.Rejected rejected) {
                return reject(rejected.reason(), rejected.params());
            }
            OrderRequest request = ((OrderMapper.Mapped) mapped).request();
            // What the create was made with, for the search after an unknown outcome: its customer, branch and contents.
            claimed.write(Map.of("status", text(Status.CREATING), "creatingAt", text(clock.instant().toString()),
                    "customerId", n(request.customerId()), "branchId", text(request.branchId()),
                    "createContents", text(request.contents()), "createTotal", text(request.total().toPlainString())), List.of());
            String numped;
            try {
                numped = winthor.createOrder(request).orderId();
            } catch (WinThorException e) {
                if (e.isTransient() || outcomeUnknown(e)) {
                    return unknownOutcome(e.getMessage(), e);
                }
                return reject(Reason.ORDER_WINTHOR_REFUSED, List.of(orderId, e.getMessage()));
            }
            if (numped == null || numped.isBlank()) {
                return unknownOutcome("WinThor answered the create without an order number", null);
            }
            return created(numped, order, request.branchId());
        }

        /** Written before the retry: the next attempt searches WinThor (after the settle time) instead of creating. */
        private Status unknownOutcome(String error, Throwable cause) {
            claimed.write(Map.of("status", text(Status.UNKNOWN_OUTCOME), "error", text(com.winthorvd.shared.log.Redactor.redact(error))), List.of());
            throw new TransientFailure("WinThor create of " + orderId + ": " + error + " (outcome unknown: searched first next time)", cause);
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
         * The order in WinThor after a create of unknown outcome, once that create has had time to finish there, among
         * the orders since shortly before it: first by the store id WinThor echoes ({@code orderIdMktplace}, or the
         * marker in {@code observation}), by the customer and branch the create was made with (a buyer can map to
         * another customer now), then among the whole branch. No public WTA answer shows either echo, so when none
         * answers, a second, independent match: an order of that customer and branch with the same items and total,
         * not cancelled, not another store order's. One such order is this one; several are for a person to decide.
         */
        private Search find() {
            Instant creatingAt = claimed.item().string("creatingAt").map(Instant::parse).orElseThrow();
            Instant settled = creatingAt.plus(outcomeSettle);
            if (clock.instant().isBefore(settled)) {
                throw new TransientFailure(orderId + ": the last create's outcome is unknown and WinThor may still be running it;"
                        + " searched for from " + settled, null);
            }
            Long customer = claimed.item().number("customerId").orElse(null);
            String branch = claimed.item().string("branchId").orElseThrow(); // written with creatingAt
            LocalDateTime since = LocalDateTime.ofInstant(creatingAt.minus(SEARCH_MARGIN), settings.zone());
            Search byCustomer = customer == null ? Search.NONE : search(branch, since, customer);
            if (byCustomer.numped().isPresent() && byCustomer.by().equals(Search.ECHO)) {
                return byCustomer;
            }
            Search byBranch = search(branch, since, null);
            return byBranch.numped().isPresent() ? byBranch : byCustomer;
        }

        private Search search(String branch, LocalDateTime since, Long customer) {
            String contents = claimed.item().string("createContents").orElse(null);
            BigDecimal total = claimed.item().string("createTotal").map(BigDecimal::new).orElse(null);
            return transientOnFailure("WinThor", () -> {
                Iterator<WinThorOrder> orders = winthor.orders(List.of(branch), since, null, customer, DAYS_OF_SEARCH);
                List<String> alike = new ArrayList<>();
                while (orders.hasNext()) {
                    WinThorOrder order = orders.next();
                    if (orderId.equals(order.orderIdMktplace())
                            || (order.observation() != null && order.observation().contains(OrderMapper.marker(orderId)))) {
                        return new Search(Optional.of(order.orderId()), Search.ECHO, List.of());
                    }
                    if (customer != null && contents != null && alike(order, customer, contents, total)) {
                        alike.add(order.orderId());
                    }
                }
                List<String> candidates = alike.stream().filter(numped -> table.queryIndex(StateTable.GSI1, "NUMPED#" + numped, "", 1)
                        .stream().noneMatch(other -> !orderId.equals(other.string("gsi1sk").orElse(null)))).toList();
                return candidates.size() == 1 ? new Search(Optional.of(candidates.get(0)), Search.CONTENTS, candidates)
                        : new Search(Optional.empty(), Search.CONTENTS, candidates);
            });
        }

        /** Same customer, same items, the total within a cent an item (WinThor rounds each line), not cancelled, no other store id. */
        private boolean alike(WinThorOrder order, long customer, String contents, BigDecimal total) {
            if (order.customerId() != customer || "C".equals(order.status()) || !contents.equals(order.contents())) {
                return false;
            }
            if (order.orderIdMktplace() != null && !order.orderIdMktplace().isBlank()) {
                return false; // WinThor echoes store ids after all, and this one is another order's
            }
            BigDecimal tolerance = new BigDecimal("0.01").multiply(BigDecimal.valueOf(order.items().size() + 1L));
            return total == null || order.totalValue() == null || order.totalValue().subtract(total).abs().compareTo(tolerance) <= 0;
        }

        private Status cancel(StoreOrder order, Status current) {
            if (current == Status.CANCELLED) {
                return current;
            }
            String numped = claimed.item().string("numped").orElse(null);
            if (numped == null && claimed.item().string("creatingAt").isPresent()) {
                Search found = find(); // by what the create was made with: nothing is mapped or registered here
                if (found.ambiguous()) {
                    return rejectAmbiguous(found);
                }
                numped = found.numped().orElse(null);
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

        /** Several WinThor orders look like this one after a lost create: a person decides, never a create or a guess. */
        private Status rejectAmbiguous(Search found) {
            return reject(Reason.ORDER_CREATE_AMBIGUOUS, List.of(orderId, Integer.toString(found.candidates().size()),
                    String.join(", ", found.candidates())));
        }

        private Status reject(Reason reason, List<String> params) {
            claimed.reject(reason, params, log);
            return Status.REJECTED;
        }
    }

    /** What the search after an unknown outcome found: the order and how it matched, or the look-alikes. */
    record Search(Optional<String> numped, String by, List<String> candidates) {
        static final String ECHO = "store id echoed";
        static final String CONTENTS = "customer, branch, items and total";
        static final Search NONE = new Search(Optional.empty(), CONTENTS, List.of());

        boolean ambiguous() {
            return numped.isEmpty() && candidates.size() > 1;
        }
    }

    /**
     * A refusal that may still have created the order: 408 (the gateway gave up waiting), 409 (a conflict, such as the
     * order being there already) and 425 (too early: a replay WinThor would not take yet).
     */
    private static boolean outcomeUnknown(WinThorException e) {
        return e instanceof WinThorApiException api && (api.status() == 408 || api.status() == 409 || api.status() == 425);
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
                throw e.retryLater();
            }
            throw e;
        }
    }

    private static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }
}
