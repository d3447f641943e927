package com.winthorvd.shared.order;

import static com.winthorvd.shared.order.ClaimedOrder.text;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.order.OrderPushService.Status;
import com.winthorvd.shared.queue.TransientFailure;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.state.Watermark;
import com.winthorvd.shared.stock.OpenOrderReservations;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.StorePort.Invoice;
import com.winthorvd.shared.store.StorePort.InvoiceLine;
import com.winthorvd.shared.store.StorePort.OrderLine;
import com.winthorvd.shared.store.StorePort.StoreOrder;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.util.Parallel;
import com.winthorvd.shared.winthor.FeedCursor;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.model.WtaFields;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.NfeDocument;
import com.winthorvd.shared.winthor.model.WinThorOrder;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * Brings WinThor's outcome of each order back to the store, each exactly once: invoiced (F) -> the NF-e read from the
 * fiscal service and sent as the store invoice (the items and quantities actually invoiced); cancelled (C) -> the store
 * order cancelled with WinThor's reason. Reads WinThor's orders changed since its watermark (always with
 * {@code daysOfSearch}), keeps only the orders this integration created (NUMPED -> store order through the index, never a
 * scan), and revisits what could not finish (an NF-e not yet issued, the store down) from its own pending list, whatever
 * the watermark. An invoice is immutable in the store: the order is claimed and marked INVOICING before the call, and
 * after an unknown outcome the store order is read before anything is sent again.
 */
public final class OrderStatusService {
    public static final String FLOW = "order-status";
    /**
     * How long before the flow's very first attempt its first read starts. The first attempt fires within minutes of
     * the deploy and no order this integration created is older than the deploy, so an hour covers them all; reading
     * 30 days of someone else's orders would be a backlog of no use.
     */
    static final Duration FIRST_RUN_MARGIN = Duration.ofHours(1);
    /** The overlap each later run rereads (clocks and late commits). */
    static final Duration OVERLAP = Duration.ofMinutes(10);
    static final int PENDING_PER_RUN = 500;

    private final WinThorApi winthor;
    private final StorePort store;
    private final StateTable table;
    private final RunLog runLog;
    private final List<String> branches;
    private final java.time.ZoneId zone;
    private final Clock clock;
    private final JsonLog log;
    private final Duration claimHold;
    private final java.util.Optional<LocalDateTime> startAt;

    /**
     * Orders followed at once: each waits on WinThor (its NF-e) and the store (the invoice), so a burst of invoices goes
     * out in parallel; each order is still claimed, so none is sent twice. 8 in flight stay far below the store's OMS
     * limit (6 000 a minute) and WinThor's.
     */
    static final int PARALLELISM = 8;

    private final Parallel workers = new Parallel(FLOW, PARALLELISM);

    /**
     * {@code branches}: WinThor's branches whose orders are read; {@code zone}: WinThor's clock, in which lastChange is
     * written; {@code startAt}: where the first read starts (ORDER_STATUS_START), else {@link #FIRST_RUN_MARGIN} before
     * the first attempt.
     */
    public OrderStatusService(WinThorApi winthor, StorePort store, StateTable table, RunLog runLog, List<String> branches,
                              java.time.ZoneId zone, Clock clock, JsonLog log, Duration claimHold, java.util.Optional<LocalDateTime> startAt) {
        this.winthor = winthor;
        this.store = store;
        this.table = table;
        this.runLog = runLog;
        this.branches = List.copyOf(branches);
        this.zone = zone;
        this.clock = clock;
        this.log = log;
        this.claimHold = claimHold;
        this.startAt = startAt;
    }

    /** Where the first read starts: the configured start, else an hour before the first attempt, recorded once. */
    private LocalDateTime firstStart(LocalDateTime now) {
        if (startAt.isPresent()) {
            return startAt.get();
        }
        String key = Keys.config(FLOW);
        table.putIf(Item.key(key, Keys.ONE).with("firstAttemptAt", WtaFields.format(now)),
                com.winthorvd.shared.state.Condition.of("attribute_not_exists(pk)"));
        String first = table.get(key, Keys.ONE, StateTable.Read.CONSISTENT).flatMap(item -> item.string("firstAttemptAt"))
                .orElse(WtaFields.format(now));
        return LocalDateTime.parse(first, WtaFields.LOCAL).minus(FIRST_RUN_MARGIN);
    }

    /**
     * The pending list first, then WinThor's orders by lastChange ({@link FeedCursor}), the place saved after every
     * page ({@code CHECKPOINT#order-status}), so a window larger than one invocation completes; the watermark moves
     * when the read reached the end.
     */
    public ScanResult run(Supplier<Duration> remaining) {
        return new ResumableScan(table, runLog, clock, FLOW).run(false, remaining, scan -> {
            LocalDateTime now = LocalDateTime.ofInstant(clock.instant(), zone);
            List<Item> pendingList = table.query(Keys.pending(FLOW), "", false, PENDING_PER_RUN);
            for (int i = 0; i < pendingList.size(); i += PARALLELISM) {
                if (!scan.another()) {
                    return RunStatus.PARTIAL;
                }
                workers.forEach(pendingList.subList(i, Math.min(pendingList.size(), i + PARALLELISM)), pending -> follow(scan, pending.sk(),
                        pending.string("numped").orElseThrow(), pending.string("erpStatus").orElseThrow(), pending.string("reason").orElse(null)));
            }
            Watermark watermark = new Watermark(table, FLOW);
            String fingerprint = String.join(",", branches);
            // Only while there is no watermark: recorded before WinThor is read, so a first attempt that fails keeps it.
            LocalDateTime from = watermark.since(fingerprint).orElseGet(() -> firstStart(now));
            FeedCursor cursor = scan.checkpoint(FLOW, FeedCursor::read).filter(saved -> saved.fingerprint().equals(fingerprint))
                    .orElseGet(() -> FeedCursor.from(from.minus(OVERLAP), fingerprint));
            // Without daysOfSearch WinThor silently answers only the last ~15 days: always cover the whole window.
            int days = (int) Duration.between(cursor.since(), now).toDays() + 2;
            WinThorApi.Feed feed = WinThorApi.ordersFeed(branches, List.of("F", "C"), null, days);
            try {
                boolean ended = cursor.readToEnd(scan, FLOW, winthor, feed, page -> {
                    List<WinThorOrder> orders = page.stream().map(WinThorOrder::from).toList();
                    workers.forEach(orders, order -> follow(scan, order));
                    return orders.stream().map(WinThorOrder::lastChange).toList();
                });
                if (!ended) {
                    return RunStatus.PARTIAL;
                }
            } catch (WinThorException e) {
                scan.error("WinThor orders/list: " + e.getMessage());
                return RunStatus.FAILED; // the checkpoint stays at the last page read
            }
            scan.clear(FLOW);
            watermark.move(cursor.newest().filter(newest -> newest.isAfter(from)).orElse(from), scan.runId(), fingerprint,
                    clock.instant());
            return RunStatus.COMPLETED;
        });
    }

    /** One order of WinThor's list: followed if this integration created it and it is not done here yet. */
    private void follow(ResumableScan.Scan scan, WinThorOrder order) {
        Optional<Item> mine = table.queryIndex(StateTable.GSI1, "NUMPED#" + order.orderId(), "", 1).stream().findFirst();
        if (mine.isEmpty()) {
            scan.count("order", "not_created_here", 1);
            return;
        }
        // The index holds the whole item: an order already done (the overlap, a rerun) costs no claim.
        String done = "F".equals(order.status()) ? Status.INVOICED.name() : Status.CANCELLED.name();
        if (done.equals(mine.get().string("status").orElse(null))) {
            scan.count("order", "already_done", 1);
            return;
        }
        follow(scan, mine.get().string("gsi1sk").orElseThrow(), order.orderId(), order.status(), order.cancellationReason());
    }

    /**
     * One order's WinThor outcome to the store. What cannot finish now (no NF-e yet, the store or WinThor failing, the
     * order claimed by a push) stays on the pending list for the next run.
     */
    private void follow(ResumableScan.Scan run, String storeOrderId, String numped, String erpStatus, String reason) {
        String outcome;
        try {
            Optional<ClaimedOrder> claim = ClaimedOrder.claim(table, clock, storeOrderId, claimHold, false);
            if (claim.isEmpty()) {
                outcome = "busy";
            } else {
                try (ClaimedOrder order = claim.get()) {
                    outcome = "F".equals(erpStatus) ? invoice(order, storeOrderId, numped) : cancel(order, storeOrderId, numped, reason);
                }
            }
        } catch (TransientFailure | WinThorException | StoreException e) {
            if (e instanceof StoreException s && s.setupFailure()) {
                log.metric(s.setupMetric(), 1, storeOrderId, "the store refused the integration's credentials; retried next run",
                        Map.of("error", e.getMessage()));
            } else if (e instanceof WinThorException w && !w.isTransient() || e instanceof StoreException s && !s.isTransient()) {
                log.warn(storeOrderId, "WinThor's outcome could not reach the store; retried next run", Map.of("error", e.getMessage()));
            }
            outcome = "retry_next_run";
        }
        run.count("order", outcome, 1);
        if (outcome.equals("busy") || outcome.equals("retry_next_run") || outcome.equals("invoice_pending")) {
            retryNextRun(table, clock, storeOrderId, numped, erpStatus, reason);
        } else {
            table.deleteIf(Keys.pending(FLOW), storeOrderId, Condition.of("attribute_exists(pk)"));
        }
    }

    /** Puts the order on the pending list: the next run follows its WinThor status ({@code F} or {@code C}) again. */
    static void retryNextRun(StateTable table, Clock clock, String storeOrderId, String numped, String erpStatus, String reason) {
        Item marker = Item.key(Keys.pending(FLOW), storeOrderId).with("numped", numped).with("erpStatus", erpStatus)
                .with("since", clock.instant().toString());
        table.put(reason == null ? marker : marker.with("reason", reason));
    }

    private String invoice(ClaimedOrder order, String storeOrderId, String numped) {
        Status status = order.status();
        if (status == Status.INVOICED) {
            return "already_invoiced";
        }
        if (status == Status.REJECTED || status == Status.CANCELLED) {
            log.warn(storeOrderId, "invoiced in WinThor, but the order is " + status + " here: nothing sent to the store",
                    Map.of("numped", numped));
            return "not_invoiceable_" + status.name().toLowerCase(java.util.Locale.ROOT);
        }
        Optional<String> xml = winthor.invoiceXml(numped);
        if (xml.isEmpty()) {
            order.write(Map.of("status", text(Status.INVOICE_PENDING), "erpStatus", text("F")), List.of());
            return "invoice_pending";
        }
        NfeDocument nfe;
        Invoice invoice;
        StoreOrder inStore = store.order(storeOrderId).orElseThrow(() -> new TransientFailure(storeOrderId + " not found in the store", null));
        try {
            nfe = NfeDocument.parse(xml.get());
            invoice = invoice(nfe, inStore);
        } catch (NfeDocument.Unreadable e) {
            String error = Reason.ORDER_INVOICE_UNREADABLE.message(List.of(storeOrderId, numped, e.getMessage()));
            order.write(Map.of("status", text(Status.INVOICE_PENDING), "erpStatus", text("F"),
                    "error", text(com.winthorvd.shared.log.Redactor.redact(error))), List.of());
            log.warn(storeOrderId, "NF-e unreadable; retried next run", Map.of("numped", numped, "error", e.getMessage()));
            return "invoice_pending";
        }
        if (inStore.invoiceNumbers().contains(nfe.number())) {
            finished(order, storeOrderId, invoiced(nfe));
            return "already_in_store";
        }
        if ("canceled".equals(inStore.status())) {
            log.warn(storeOrderId, "invoiced in WinThor, but cancelled in the store: nothing sent", Map.of("numped", numped, "nf", nfe.number()));
            return "not_invoiceable_cancelled_in_store";
        }
        order.write(Map.of("status", text(Status.INVOICING), "invoiceNumber", text(nfe.number()), "invoiceKey", text(nfe.accessKey())), List.of());
        try {
            store.invoice(storeOrderId, invoice);
        } catch (StoreException e) {
            if (e.isTransient()) {
                throw e; // INVOICING stays: the next attempt reads the store order before sending again
            }
            boolean landed = store.order(storeOrderId).map(o -> o.invoiceNumbers().contains(nfe.number())).orElse(false);
            if (!landed) {
                order.reject(Reason.ORDER_INVOICE_REFUSED, List.of(storeOrderId, nfe.number(), numped, e.getMessage()), log);
                return "invoice_refused";
            }
        }
        finished(order, storeOrderId, invoiced(nfe));
        log.info(storeOrderId, "invoice sent to the store", Map.of("numped", numped, "nf", nfe.number(), "valueCents", invoice.valueCents()));
        return "invoiced";
    }

    /** The order's last step: written, and its packs no longer held for the stock flow. */
    private void finished(ClaimedOrder order, String storeOrderId, Map<String, AttributeValue> step) {
        order.write(step, List.of("error"));
        order.item().string("branchId").ifPresent(branch -> OpenOrderReservations.release(table, storeOrderId, branch));
    }

    private Map<String, AttributeValue> invoiced(NfeDocument nfe) {
        return Map.of("status", text(Status.INVOICED), "invoiceNumber", text(nfe.number()), "invoiceKey", text(nfe.accessKey()),
                "invoicedAt", text(clock.instant().toString()));
    }

    /**
     * The store invoice of an NF-e: each NF-e item matched to its store line (cProd as the SKU key "codauxiliar-codprod",
     * or as CODPROD with cEAN as the packaging's code), its units back to the store's packs, prices in cents a pack.
     */
    static Invoice invoice(NfeDocument nfe, StoreOrder order) {
        List<InvoiceLine> lines = new ArrayList<>();
        for (NfeDocument.Item item : nfe.items()) {
            OrderLine line = order.lines().stream().filter(l -> matches(item, l)).findFirst()
                    .orElseThrow(() -> new NfeDocument.Unreadable("item " + item.productCode() + " da NF-e não está no pedido da loja"));
            BigDecimal perPack = BigDecimal.valueOf(Math.max(1, line.unitMultiplier()));
            int packs = item.quantity().divide(perPack, 0, RoundingMode.FLOOR).intValueExact();
            long priceCents = item.unitPrice().multiply(perPack).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact();
            if (packs > 0) {
                lines.add(new InvoiceLine(line.skuId(), packs, priceCents));
            }
        }
        if (nfe.total() == null) {
            throw new NfeDocument.Unreadable("vNF ausente");
        }
        return new Invoice(nfe.number(), nfe.series(), nfe.accessKey(), nfe.issuedAt(),
                nfe.total().movePointRight(2).setScale(0, RoundingMode.HALF_EVEN).longValueExact(), lines);
    }

    private static boolean matches(NfeDocument.Item item, OrderLine line) {
        String reference = line.reference();
        if (reference == null || item.productCode() == null) {
            return false;
        }
        if (reference.equals(item.productCode())) {
            return true;
        }
        int dash = reference.lastIndexOf('-');
        return reference.substring(dash + 1).equals(item.productCode()) && reference.substring(0, dash).equals(item.ean());
    }

    private String cancel(ClaimedOrder order, String storeOrderId, String numped, String reason) {
        Status status = order.status();
        if (status == Status.CANCELLED) {
            return "already_cancelled";
        }
        if (status == Status.INVOICED) {
            log.warn(storeOrderId, "cancelled in WinThor after its invoice reached the store: the store keeps the invoice",
                    Map.of("numped", numped));
            return "cancelled_after_invoice";
        }
        StoreOrder inStore = store.order(storeOrderId).orElse(null);
        if (inStore != null && !"canceled".equals(inStore.status())) {
            store.cancel(storeOrderId, reason != null && !reason.isBlank() ? reason : "Cancelado no WinThor (pedido " + numped + ")");
        }
        finished(order, storeOrderId, Map.of("status", text(Status.CANCELLED), "cancelledBy", text("winthor")));
        log.info(storeOrderId, "WinThor's cancellation sent to the store", Map.of("numped", numped));
        return "cancelled";
    }

}
