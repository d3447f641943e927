package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.OrderDriver;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.winthor.model.Customer;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * WinThor's invoices and cancellations back to the store through the real status handler: the NF-e read and sent once
 * with the items actually invoiced, a cancellation once, and nothing for orders this integration did not create. One
 * world for the class (each test places its own orders), so the catalog is synced once.
 */
class OrderStatusTest {
    static final String STATUS = "OrderStatusFunction";
    static LocalWorld world;
    static OrderDriver driver;
    static List<String> units;
    static List<String> boxes;
    static Customer customer;

    @BeforeAll
    static void start() {
        world = TestAws.world(30, Map.of());
        CatalogDriver.sync(world, true);
        world.installHook(List.of("ready-for-handling", "canceled"));
        driver = new OrderDriver(world);
        List<String> synced = world.manifest.records("sku").entrySet().stream()
                .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED && driver.inStore(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        units = synced.stream().filter(k -> driver.unitsPerPack(k) == 1).toList();
        boxes = synced.stream().filter(k -> driver.unitsPerPack(k) > 1).toList();
        customer = world.winthor.data().customers.all().stream().filter(c -> c.email() != null && c.active() && !c.blocked())
                .filter(c -> world.manifest.expected("customer", Long.toString(c.id())).outcome() == Manifest.Outcome.SYNCED)
                .filter(c -> world.winthor.data().customers.all().stream().filter(o -> o.document().equals(c.document())).count() == 1)
                .findFirst().orElseThrow();
    }

    @AfterAll
    static void stop() {
        world.close();
    }

    /** An order placed in the store and pushed into WinThor; returns its store id. */
    private static String pushed(List<StoreOrders.Line> lines) {
        String id = world.store.orders().place(OrderDriver.buyerOf(customer), "Boleto Bancário", lines, 1500, 0);
        OrderDriver.push(world, Duration.ofMinutes(2));
        assertEquals("HANDLING_STARTED", status(id));
        return id;
    }

    private static String numped(String storeOrderId) {
        return OrderDriver.state(world, storeOrderId).orElseThrow().string("numped").orElseThrow();
    }

    private static String status(String storeOrderId) {
        return OrderDriver.state(world, storeOrderId).orElseThrow().string("status").orElseThrow();
    }

    private static Map<?, ?> runStatus() {
        return (Map<?, ?>) world.runner.fireSchedule(STATUS, "Every5Minutes");
    }

    private static List<JsonNode> invoicesInStore(String storeOrderId) {
        List<JsonNode> out = new ArrayList<>();
        world.store.orders().order(storeOrderId).path("packageAttachment").path("packages").forEach(out::add);
        return out;
    }

    /** The store invoice WinThor's order and the invoiced quantities make: packs and cents a pack per store line. */
    private static void assertInvoiceMatches(String storeOrderId, Map<String, BigDecimal> invoicedUnits) {
        JsonNode erp = OrderDriver.erpOrders(world).get(storeOrderId).get(0);
        JsonNode order = world.store.orders().order(storeOrderId);
        List<JsonNode> invoices = invoicesInStore(storeOrderId);
        assertEquals(1, invoices.size(), "one invoice: " + invoices);
        JsonNode invoice = invoices.get(0);
        assertEquals(world.winthor.orders().invoiceKey(numped(storeOrderId)), invoice.path("invoiceKey").asText());
        assertEquals(44, invoice.path("invoiceKey").asText().length());
        BigDecimal value = erp.path("valueFreight").decimalValue();
        List<String> expected = new ArrayList<>();
        for (JsonNode item : erp.path("listOfOrderItem")) {
            String sku = item.path("productSKUERPReferenceKey").asText();
            BigDecimal quantity = invoicedUnits.getOrDefault(sku, item.path("quantity").decimalValue());
            if (quantity.signum() == 0) {
                continue;
            }
            BigDecimal sell = item.path("sellPrice").decimalValue();
            value = value.add(quantity.multiply(sell).setScale(2, RoundingMode.HALF_EVEN));
            int perPack = driver.unitsPerPack(sku);
            int index = 0;
            for (JsonNode line : order.path("items")) {
                if (line.path("refId").asText().equals(sku)) {
                    break;
                }
                index++;
            }
            expected.add(index + ":" + quantity.intValueExact() / perPack + "x"
                    + sell.multiply(BigDecimal.valueOf(perPack)).movePointRight(2).setScale(0, RoundingMode.HALF_EVEN));
        }
        List<String> actual = new ArrayList<>();
        invoice.path("items").forEach(i -> actual.add(i.path("itemIndex").asInt() + ":" + i.path("quantity").asInt() + "x" + i.path("price").asLong()));
        assertEquals(expected.stream().sorted().toList(), actual.stream().sorted().toList(), "items, packs and cents a pack");
        assertEquals(value.movePointRight(2).longValueExact(), invoice.path("invoiceValue").asLong(), "the NF-e's total in cents");
        assertEquals("invoiced", order.path("status").asText());
        assertEquals("INVOICED", status(storeOrderId));
    }

    @org.junit.jupiter.params.ParameterizedTest
    @com.amazonaws.services.lambda.runtime.tests.annotations.Event(value = "../events/order-status-scheduled.json",
            type = com.winthorvd.lambda.ScheduledInput.class)
    void theScheduledEventReadsWinThorsOrdersAndMovesTheWatermark(com.winthorvd.lambda.ScheduledInput input) {
        int lists = world.winthor.requests("GET /api/wholesale/v1/orders/list");
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(STATUS, input);
        assertEquals("order-status", result.get("flow"));
        assertEquals("COMPLETED", result.get("status"), result.toString());
        assertTrue(world.winthor.requests("GET /api/wholesale/v1/orders/list") > lists);
        assertTrue(world.table.get(Keys.watermark("order-status"), Keys.ONE, com.winthorvd.shared.state.StateTable.Read.CONSISTENT).isPresent());
    }

    @Test
    void anInvoiceWhoseNfeAppearsTwoRunsAfterStatusFIsSentOnceItExists() {
        String id = pushed(List.of(driver.line(units.get(0), 3, 990, "1")));
        world.winthor.orders().invoice(numped(id), Map.of(), false);
        for (int run = 0; run < 2; run++) {
            runStatus();
            assertEquals("INVOICE_PENDING", status(id), "no NF-e yet: nothing sent without its key");
            assertTrue(invoicesInStore(id).isEmpty());
            world.clock.advance(Duration.ofHours(1)); // past the overlap: only the pending list brings it back
        }
        world.winthor.orders().publishInvoiceDocument(numped(id));
        runStatus();
        assertInvoiceMatches(id, Map.of());
        runStatus();
        assertEquals(1, invoicesInStore(id).size(), "a later run sends nothing again");
    }

    @Test
    void aThreeItemOrderWithOneItemCutAndOnePartlyServedBecomesAPartialInvoice() {
        String full = units.get(1);
        String cut = units.get(2);
        String box = boxes.get(0);
        String id = pushed(List.of(driver.line(full, 4, 1_250, "1"), driver.line(cut, 2, 780, "1"), driver.line(box, 2, 11_750, "1")));
        Map<String, BigDecimal> invoiced = Map.of(cut, BigDecimal.ZERO, box, BigDecimal.valueOf(driver.unitsPerPack(box)));
        world.winthor.orders().invoice(numped(id), invoiced, true);
        runStatus();
        assertInvoiceMatches(id, invoiced);
    }

    @Test
    void aCancellationInWinThorCancelsTheStoreOrderOnceWithWinThorsReason() {
        String id = pushed(List.of(driver.line(units.get(3), 1, 990, "2")));
        world.winthor.orders().cancelInErp(numped(id), "Cliente desistiu por telefone");
        int cancelsBefore = world.store.requests("POST /api/oms/pvt/orders/" + id + "/cancel");
        runStatus();
        runStatus();
        JsonNode order = world.store.orders().order(id);
        assertEquals("canceled", order.path("status").asText());
        assertEquals("Cliente desistiu por telefone", order.path("cancelReason").asText());
        assertEquals("CANCELLED", status(id));
        assertEquals(cancelsBefore + 1, world.store.requests("POST /api/oms/pvt/orders/" + id + "/cancel"), "cancelled once");
    }

    @Test
    void theSameChangesReadByOverlappingRunsMakeOneInvoiceAndOneCancellation() {
        String invoiced = pushed(List.of(driver.line(units.get(4), 2, 990, "1")));
        String cancelled = pushed(List.of(driver.line(units.get(5), 2, 990, "1")));
        world.winthor.orders().invoice(numped(invoiced), Map.of(), true);
        world.winthor.orders().cancelInErp(numped(cancelled), "Sem estoque");
        int cancels = world.store.requests("POST /api/oms/pvt/orders/" + cancelled + "/cancel");
        CompletableFuture<Map<?, ?>> one = CompletableFuture.supplyAsync(OrderStatusTest::runStatus);
        CompletableFuture<Map<?, ?>> two = CompletableFuture.supplyAsync(OrderStatusTest::runStatus);
        one.join();
        two.join();
        // A run that rereads the whole window (its watermark gone) finds both done.
        world.table.deleteIf(Keys.watermark("order-status"), Keys.ONE, Condition.of("attribute_exists(pk)"));
        runStatus();
        assertInvoiceMatches(invoiced, Map.of());
        assertEquals(cancels + 1, world.store.requests("POST /api/oms/pvt/orders/" + cancelled + "/cancel"));
        assertEquals("CANCELLED", status(cancelled));
    }

    @Test
    void aBurstOfInvoicesGoesOutInParallelSoOneSlowInvoiceHoldsUpNoOther() throws Exception {
        List<String> ids = new ArrayList<>();
        for (int i = 1; i <= 3; i++) {
            ids.add(pushed(List.of(driver.line(units.get(units.size() - i), 1, 990, "1"))));
        }
        ids.forEach(id -> world.winthor.orders().invoice(numped(id), Map.of(), true));
        // The store holds every invoice until all three are in its hands, which happens at once only when they are sent
        // in parallel. Sent one after another (before), each held invoice ran into the client's timeout before the next
        // was sent, and the run ended with all three in unknown outcome (INVOICING).
        List<Fault.Gate> gates = new ArrayList<>();
        for (String id : ids) {
            Fault.Gate gate = new Fault.Gate();
            world.store.faults().next("POST /api/oms/pvt/orders/" + id + "/invoice", Fault.held(gate), 1);
            gates.add(gate);
        }
        CompletableFuture<Map<?, ?>> run = CompletableFuture.supplyAsync(OrderStatusTest::runStatus);
        try {
            gates.forEach(Fault.Gate::awaitArrival);
        } finally {
            gates.forEach(Fault.Gate::release);
        }
        assertEquals("COMPLETED", run.get().get("status"), run.get().toString());
        ids.forEach(id -> assertInvoiceMatches(id, Map.of()));
        ids.forEach(id -> assertEquals(1, world.store.requests("POST /api/oms/pvt/orders/" + id + "/invoice"), "each invoice once"));
    }

    @Test
    void anUnknownOutcomeOnTheInvoiceCallNeverSendsASecondInvoice() {
        String id = pushed(List.of(driver.line(units.get(6), 2, 990, "1")));
        world.winthor.orders().invoice(numped(id), Map.of(), true);
        world.store.faults().next("POST /api/oms/pvt/orders/" + id + "/invoice", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        runStatus();
        assertEquals("INVOICING", status(id), "the answer was lost: the outcome is unknown");
        assertEquals(1, invoicesInStore(id).size(), "the store did take it");
        world.clock.advance(Duration.ofHours(1));
        runStatus();
        assertInvoiceMatches(id, Map.of());
        assertEquals(1, world.store.requests("POST /api/oms/pvt/orders/" + id + "/invoice"), "read back from the store, not sent again");
    }

    @Test
    void anInvoiceTheStoreRefusesIsRejectedWithItsReasonAndSentOnceRetried() {
        String id = pushed(List.of(driver.line(units.get(8), 1, 990, "1")));
        world.winthor.orders().invoice(numped(id), Map.of(), true);
        world.store.faults().next("POST /api/oms/pvt/orders/" + id + "/invoice", Fault.of(Fault.Kind.HTTP_400), 1);
        runStatus();
        var state = OrderDriver.state(world, id).orElseThrow();
        assertEquals("REJECTED", state.string("status").orElseThrow());
        assertEquals("ORDER_INVOICE_REFUSED", state.string("reason").orElseThrow());
        assertTrue(state.list("params").get(3).contains("Invoice refused"), state.list("params").toString());
        assertTrue(invoicesInStore(id).isEmpty());
        runStatus();
        assertTrue(invoicesInStore(id).isEmpty(), "a rejection waits for a person: not resent by itself");

        var admin = new com.winthorvd.shared.order.OrderAdmin(world.table, change -> {
            throw new AssertionError("an order already in WinThor is never queued for the push again");
        }, world.clock);
        assertTrue(admin.retry(id));
        runStatus();
        assertInvoiceMatches(id, Map.of());
        assertEquals(1, OrderDriver.erpOrders(world).get(id).size(), "still one WinThor order");
        assertTrue(!admin.retry(id), "only a REJECTED order is sent again");
    }

    @Test
    void theFirstRunReadsFromShortlyBeforeItsFirstAttemptNotThirtyDaysOfOtherOrders() {
        try (com.winthorvd.testkit.LocalWorld fresh = TestAws.world(10, Map.of())) {
            Customer someone = fresh.winthor.data().customers.all().get(0);
            String sku = fresh.winthor.data().packagings.all().get(0).skuKey();
            String theirs = fresh.winthor.orders().createInErp("1", someone.id(), sku, BigDecimal.ONE); // typed in routine 316
            fresh.winthor.orders().invoice(theirs, Map.of(), true);
            fresh.clock.advance(java.time.Duration.ofDays(2)); // the integration is deployed two days later
            Map<?, ?> first = (Map<?, ?>) fresh.runner.fireSchedule("OrderStatusFunction", "Every5Minutes");
            assertEquals("COMPLETED", first.get("status"), first.toString());
            assertEquals(null, ((Map<?, ?>) first.get("counts")).get("order.not_created_here"),
                    "an order from before the deploy is not read: " + first);
        }
    }

    @Test
    void aWindowOfMorePagesThanOneInvocationReadsCompletesFromWhereEachRunStoppedReadingEachOrderOnce() {
        try (com.winthorvd.testkit.LocalWorld fresh = TestAws.world(10, Map.of())) {
            assertEquals("COMPLETED", ((Map<?, ?>) fresh.runner.fireSchedule(STATUS, "Every5Minutes")).get("status"));
            Customer someone = fresh.winthor.data().customers.all().get(0);
            String sku = fresh.winthor.data().packagings.all().get(0).skuKey();
            int orders = 750; // 100 a page: eight pages, a last short one
            for (int i = 0; i < orders; i++) {
                fresh.clock.advance(Duration.ofSeconds(10));
                fresh.winthor.orders().invoice(fresh.winthor.orders().createInErp("1", someone.id(), sku, BigDecimal.ONE), Map.of(), true);
            }
            int lists = fresh.winthor.requests("GET /api/wholesale/v1/orders/list");
            // 30 s, 10 s a look (the budget at the start, one before every page but the first): three pages a run.
            List<Map<?, ?>> runs = fresh.runner.invokeUntilComplete(STATUS, new com.winthorvd.lambda.ScheduledInput("order-status", "incremental"),
                    () -> Budgets.spentPerLook(Duration.ofSeconds(30), Duration.ofSeconds(10)));
            assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), runs.toString());
            assertTrue(runs.size() <= (8 + 2) / 3 + 1, runs.size() + " runs for eight pages at three a run");
            assertEquals(8, fresh.winthor.requests("GET /api/wholesale/v1/orders/list") - lists, "each page read once");
            assertEquals(orders + 7, runs.stream().map(r -> ((Map<?, ?>) r.get("counts")).get("order.not_created_here"))
                    .mapToLong(n -> n == null ? 0 : ((Number) n).longValue()).sum(),
                    "each order read once, and the last of each page again (the next page starts a second before it)");
            assertEquals(com.winthorvd.shared.winthor.model.WtaFields.format(java.time.LocalDateTime.ofInstant(fresh.clock.instant(),
                    java.time.ZoneId.of("America/Sao_Paulo"))), fresh.table.get(Keys.watermark("order-status"), Keys.ONE,
                    com.winthorvd.shared.state.StateTable.Read.CONSISTENT).orElseThrow().string("lastChange").orElseThrow(),
                    "the watermark moved to the newest order read");
        }
    }

    @Test
    void anOrderCreatedOutsideThisIntegrationIsIgnored() {
        String id = pushed(List.of(driver.line(units.get(7), 1, 990, "1")));
        String ours = numped(id);
        // An order typed in WinThor (routine 316): same customer, no store order behind it.
        String theirs = world.winthor.orders().createInErp("1", customer.id(), units.get(7), BigDecimal.ONE);
        world.winthor.orders().invoice(theirs, Map.of(), true);
        world.winthor.orders().invoice(ours, Map.of(), true);
        int invoicesBefore = world.store.totalRequests();
        Map<?, ?> run = runStatus();
        assertEquals(1L, ((Number) ((Map<?, ?>) run.get("counts")).get("order.not_created_here")).longValue(), run.toString());
        assertInvoiceMatches(id, Map.of());
        assertEquals("F", world.winthor.data().orderRecords().stream().filter(o -> o.path("orderId").asText().equals(theirs))
                .findFirst().orElseThrow().path("orderStatus").asText(), "left as it was");
        assertTrue(world.store.totalRequests() - invoicesBefore <= 2, "one order read and one invoice, for ours only");
    }

    @Test
    void anOpenOrdersPacksStayInTheStoreUntilItsInvoiceThenLeaveWithIt() {
        String sku = units.subList(9, units.size()).stream().filter(k -> world.manifest.stock().getOrDefault(k + "@1", 0L) >= 5)
                .findFirst().orElseThrow();
        long skuId = CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        StockDriver.sync(world, 1);
        long before = world.store.inventory(skuId, "filial1").path("quantity").asLong();
        assertEquals((long) world.manifest.stock().get(sku + "@1"), before);

        String id = pushed(List.of(driver.line(sku, 2, 990, "1")));
        StockDriver.sync(world, 1);
        assertEquals(before, world.store.inventory(skuId, "filial1").path("quantity").asLong(),
                "WinThor took the 2 packs out of its available stock; the store holds its own reservation: they are added back");

        world.winthor.orders().invoice(numped(id), Map.of(), true);
        runStatus();
        StockDriver.sync(world, 1);
        assertEquals(before - 2, world.store.inventory(skuId, "filial1").path("quantity").asLong(), "invoiced: the packs left");

        String cancelled = pushed(List.of(driver.line(sku, 1, 990, "1")));
        world.winthor.orders().cancelInErp(numped(cancelled), "Sem estoque");
        runStatus();
        StockDriver.sync(world, 1);
        assertEquals(before - 2, world.store.inventory(skuId, "filial1").path("quantity").asLong(), "cancelled: back to WinThor, nothing held");
    }
}
