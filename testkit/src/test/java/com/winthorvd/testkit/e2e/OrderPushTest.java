package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.OrderDriver;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.order.OrderMapper;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Packaging;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Store orders into WinThor through the hook, the webhook, the FIFO queue and the real push handler, field by field. */
class OrderPushTest extends OrderWorldTest {
    /** An order whose create's outcome is unknown: once it has settled, found by the search, never created twice. */
    /** The push's own settings, for the tests that call its parts directly. */
    private static final com.winthorvd.shared.order.OrderSettings SETTINGS = new com.winthorvd.shared.order.OrderSettings(
            List.of("1", "2", "3"), Map.of("filial1", "1", "filial2", "2", "filial3", "3"),
            Map.of(PAYMENT, new com.winthorvd.shared.order.OrderSettings.Payment("BK", 12)), 1, "R", false, java.time.ZoneId.of("America/Sao_Paulo"));

    /** A WinThor client logged in to the simulator, as the push's. */
    private com.winthorvd.shared.winthor.WinThorApi winthorApi() {
        var http = new com.winthorvd.shared.winthor.WinThorHttp(java.net.URI.create(world.winthor.url()), Duration.ofSeconds(5),
                Duration.ofSeconds(30), null);
        String token = new com.winthorvd.shared.winthor.WinThorLogin(http).login(com.winthorvd.testkit.LocalWorld.USER,
                com.winthorvd.shared.winthor.PasswordRule.UPPER.senha(com.winthorvd.testkit.LocalWorld.PASSWORD));
        return new com.winthorvd.shared.winthor.WinThorApi(new com.winthorvd.shared.winthor.WinThorClient(http,
                com.winthorvd.shared.winthor.TokenSource.fixed(token)), 100);
    }

    private void assertFoundOnceAfterItSettles(String id) {
        world.clock.advance(Duration.ofMinutes(1));
        push();
        assertEquals(1, erpOrdersOf(id).size(), "exactly one WinThor order: the unknown outcome was searched, not re-created");
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
        assertEquals(0, world.runner.pendingOn("OrderDeadLetterQueue"));
    }


    @Test
    void aDiscountedBoxOfTwelveArrivesOnceWithEveryFieldRightAndHandlingStarts() {
        Packaging box = syncedPackaging(12);
        Customer customer = syncedCustomer();
        String id = place(customer, PAYMENT, List.of(line(box, 2, 12_000)), 500);
        push();
        List<JsonNode> orders = erpOrdersOf(id);
        assertEquals(1, orders.size(), world.winthor.data().orderRecords().toString());
        JsonNode order = orders.get(0);
        assertEquals("1", order.path("branchId").asText());
        assertEquals(customer.id(), order.path("customer").path("id").asLong());
        assertEquals("BK", order.path("chargingId").asText());
        assertEquals(12, order.path("paymentPlanId").asLong());
        assertEquals(1, order.path("saleType").asInt());
        assertEquals(0, new BigDecimal("15.00").compareTo(order.path("valueFreight").decimalValue()));
        assertEquals("VD:" + id, order.path("observation").asText());
        JsonNode item = order.path("listOfOrderItem").get(0);
        assertEquals(box.skuKey(), item.path("productSKUERPReferenceKey").asText());
        assertEquals(0, new BigDecimal("24").compareTo(item.path("quantity").decimalValue()), "2 boxes x QTUNIT 12");
        assertEquals(0, new BigDecimal("9.791667").compareTo(item.path("sellPrice").decimalValue()),
                "(2 x 120.00 - 5.00 discount) / 24 units, at scale 6: " + item);
        assertEquals("1", item.path("warehouseBranchId").asText());
        Item state = state(id);
        assertEquals("HANDLING_STARTED", state.string("status").orElseThrow());
        assertEquals(order.path("orderId").asText(), state.string("numped").orElseThrow());
        assertEquals("handling", world.store.orders().order(id).path("status").asText());
    }

    @Test
    void theSameHookThreeTimesAndACreateWhoseAnswerIsLostMakeOneWinThorOrder() {
        Customer customer = syncedCustomer();
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        String id = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 3, 990)), 0);
        for (int i = 0; i < 2; i++) {
            world.store.orders().redeliverHook(id);
        }
        world.runner.drain(PUSH, Duration.ofSeconds(5));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow(), "the answer was lost: not searched before it settles");
        assertFoundOnceAfterItSettles(id);
    }

    @Test
    void aCreateAnsweredWithoutAnOrderNumberIsAnUnknownOutcomeFoundLaterNeverNumpedNull() {
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_WITHOUT_NUMBER), 1);
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow(), "a 2xx without NUMPED proves nothing");
        assertTrue(state(id).string("numped").isEmpty());
        assertFoundOnceAfterItSettles(id);
        assertEquals(erpOrdersOf(id).get(0).path("orderId").asText(), state(id).string("numped").orElseThrow());
    }

    /** The WinThor orders of no store order: typed by hand, or created by a push whose reference WinThor did not keep. */
    private List<JsonNode> erpOrdersOfCustomer(long customerId) {
        return world.winthor.data().orderRecords().stream().filter(o -> o.path("customer").path("id").asLong() == customerId).toList();
    }

    @Test
    void aLostCreateIsFoundByItsCustomerItemsAndTotalWhenWinThorEchoesNoStoreReference() {
        world.winthor.echoStoreReferences(false); // no public WTA answer shows orderIdMktplace or observation
        Customer customer = syncedCustomer();
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        String id = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 2, 990), line(syncedPackaging(12), 1, 9_900)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow());
        assertFoundOnceAfterItSettles(id);
        List<JsonNode> inErp = erpOrdersOfCustomer(customer.id());
        assertEquals(1, inErp.size(), "not created a second time: " + inErp);
        assertEquals(inErp.get(0).path("orderId").asText(), state(id).string("numped").orElseThrow());
    }

    @Test
    void twoLookAlikesAfterALostCreateAreRejectedForAPersonNeverCreatedAgainNorPicked() {
        world.winthor.echoStoreReferences(false);
        Customer customer = syncedCustomer();
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        String id = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        String committed = erpOrdersOfCustomer(customer.id()).get(0).path("orderId").asText();
        String typedAgain = world.winthor.data().duplicateOrder(committed); // the same order typed in routine 316
        world.clock.advance(Duration.ofMinutes(1));
        push();
        assertEquals("REJECTED", state(id).string("status").orElseThrow());
        assertEquals("ORDER_CREATE_AMBIGUOUS", state(id).string("reason").orElseThrow());
        assertEquals(List.of(id, "2", committed + ", " + typedAgain), state(id).list("params"));
        assertEquals(2, erpOrdersOfCustomer(customer.id()).size(), "no third order");

        // The implementer cancels the copy in routine 305 and retries: the one left is this order's.
        world.winthor.orders().cancelInErp(typedAgain, "Digitado em duplicidade");
        var sender = new com.winthorvd.shared.queue.QueueSender(world.aws.sqs(), com.winthorvd.shared.util.Sleeper.REAL);
        String queue = world.deployment.queueUrl("OrderQueue");
        assertTrue(new com.winthorvd.shared.order.OrderAdmin(world.table, change -> sender.send(queue, List.of(change.message())),
                world.clock).retry(id));
        push();
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
        assertEquals(committed, state(id).string("numped").orElseThrow());
        assertEquals(2, erpOrdersOfCustomer(customer.id()).size());
    }

    @Test
    void aConflictOnTheCreateIsAnUnknownOutcomeNotARefusal() {
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_409), 1);
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow());
        assertFoundOnceAfterItSettles(id);
    }

    @Test
    void aRefusedCreateTheOperatorRetriesIsSearchedForFirstAndNeverMadeTwice() {
        // WinThor wrote the order and still answered 400: the order is REJECTED, and `order retry` brings it back.
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_400), 1);
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        push();
        assertEquals("ORDER_WINTHOR_REFUSED", state(id).string("reason").orElseThrow());
        var sender = new com.winthorvd.shared.queue.QueueSender(world.aws.sqs(), com.winthorvd.shared.util.Sleeper.REAL);
        String queue = world.deployment.queueUrl("OrderQueue");
        assertTrue(new com.winthorvd.shared.order.OrderAdmin(world.table, change -> sender.send(queue, List.of(change.message())),
                world.clock).retry(id));
        world.clock.advance(Duration.ofMinutes(2)); // past the settle time of the refused create
        push();
        assertEquals(1, erpOrdersOf(id).size(), "found by the search every create since CREATING makes first");
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
    }

    @Test
    void theSearchUsesTheCustomerAndBranchTheCreateWasMadeWithAndThenTheWholeBranch() {
        Customer customer = syncedCustomer();
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        String id = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow());
        // Meanwhile a second WinThor customer appears with the buyer's CNPJ/CPF: mapped now, the order is ambiguous.
        world.winthor.data().customers.put(new Customer(990_077, customer.name(), customer.tradeName(), customer.document(),
                customer.stateInscription(), customer.personType(), "outro@cliente.com.br", null, customer.sellerId(),
                customer.activityId(), customer.regionId(), "1", true, false, List.of(), customer.lastChange()));
        assertFoundOnceAfterItSettles(id);

        // An order WinThor filed under another customer is still found, among the branch's orders.
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        Customer other = world.winthor.data().customers.all().stream().filter(c -> c.id() != customer.id() && c.id() != 990_077
                && world.manifest.expected("customer", Long.toString(c.id())).outcome() == com.winthorvd.testkit.data.Manifest.Outcome.SYNCED)
                .findFirst().orElseThrow();
        String moved = place(other, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.runner.drain(PUSH, Duration.ofSeconds(3));
        world.winthor.data().reassignOrder(erpOrdersOf(moved).get(0).path("orderId").asText(), customer.id());
        assertFoundOnceAfterItSettles(moved);
    }

    @Test
    void mappingAnUnknownBuyerRegistersNobodyOnlyTheExplicitStepDoes() {
        Buyer newcomer = StoreOrders.buyer("04252011000110", "compras@novaempresa.com.br");
        String id = world.store.orders().place(newcomer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
        OrderMapper mapper = new OrderMapper(SETTINGS, world.table, winthorApi(), world.clock);
        OrderMapper.Result mapped = mapper.map(world.store.client(com.winthorvd.shared.store.RateLimits.defaults()).order(id).orElseThrow());
        assertTrue(mapped instanceof OrderMapper.Unregistered, mapped.toString());
        assertEquals(0, world.winthor.requests("POST /api/wholesale/v1/customer/"), "a mapping (the search's, the cancel's) writes nothing");
        OrderMapper.Result registered = mapper.register((OrderMapper.Unregistered) mapped);
        assertEquals(1, world.winthor.requests("POST /api/wholesale/v1/customer/"));
        long customer = ((OrderMapper.Mapped) registered).request().customerId();
        assertEquals("04252011000110", world.winthor.data().customers.get(Long.toString(customer)).document());
    }

    @Test
    void anUnknownSkuAndAMissingPaymentMappingAreRejectedWithTheirReasonAndNothingReachesWinThor() {
        Customer customer = syncedCustomer();
        String unknownSku = place(customer, PAYMENT, List.of(new StoreOrders.Line("999999", "7890000000000-999999", 1, 1, 1000, 900, "filial1")), 0);
        String unmappedPayment = place(customer, "Cartão Presente", List.of(line(syncedPackaging(1), 1, 990)), 0);
        push();
        assertEquals("REJECTED", state(unknownSku).string("status").orElseThrow());
        assertEquals("ORDER_UNKNOWN_SKU", state(unknownSku).string("reason").orElseThrow());
        assertEquals(List.of(unknownSku, "999999", "7890000000000-999999"), state(unknownSku).list("params"));
        assertEquals("ORDER_PAYMENT_NOT_MAPPED", state(unmappedPayment).string("reason").orElseThrow());
        assertEquals(List.of(unmappedPayment, "Cartão Presente"), state(unmappedPayment).list("params"));
        assertEquals(0, world.winthor.data().orderCount());
        assertEquals(0, world.runner.pendingOn("OrderQueue"), "a rejection is handled: the message is gone, the reason kept");
    }

    @Test
    void aCancellationBeforeAndAfterTheOrderReachedWinThorAndAfterItWasInvoiced() {
        Customer customer = syncedCustomer();
        String before = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.store.orders().cancel(before);
        push();
        assertEquals("CANCELLED", state(before).string("status").orElseThrow());
        assertEquals(0, erpOrdersOf(before).size(), "cancelled before the push: never created");

        String after = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        push();
        world.store.orders().cancel(after);
        push();
        assertEquals("CANCELLED", state(after).string("status").orElseThrow());
        assertEquals("C", erpOrdersOf(after).get(0).path("orderStatus").asText());

        String invoiced = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        push();
        String numped = state(invoiced).string("numped").orElseThrow();
        world.winthor.orders().invoice(numped, Map.of(), true);
        world.store.orders().cancel(invoiced);
        push();
        assertEquals("REJECTED", state(invoiced).string("status").orElseThrow());
        assertEquals("ORDER_INVOICED_CANNOT_CANCEL", state(invoiced).string("reason").orElseThrow());
        assertEquals(numped, state(invoiced).list("params").get(1));
        assertTrue(!state(invoiced).list("params").get(2).equals("?"), "the NF number is named: " + state(invoiced).list("params"));
        assertEquals("F", erpOrdersOf(invoiced).get(0).path("orderStatus").asText());
    }

    @Test
    void aSixHourWinThorOutageLosesNothingAndEachOrderArrivesOnceAfterIt() {
        Customer customer = syncedCustomer();
        world.winthor.faults().always("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.HTTP_500));
        List<String> ids = List.of(place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0),
                place(customer, PAYMENT, List.of(line(syncedPackaging(12), 2, 5_000)), 0));
        world.runner.drain(PUSH, Duration.ofSeconds(8)); // retried with backoff while WinThor answers 500
        for (String id : ids) {
            assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow(), "a 5xx on create may have created it");
        }
        world.clock.advance(Duration.ofHours(6));
        world.winthor.faults().clear();
        push();
        for (String id : ids) {
            assertEquals(1, erpOrdersOf(id).size(), id);
            assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
        }
        assertEquals(0, world.runner.pendingOn("OrderDeadLetterQueue"), "nothing reached the DLQ");
    }

    @Test
    void aTokenExpiredMidOrderIsRenewedAndTheOrderArrivesOnce() {
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        world.winthor.revokeAllTokens();
        push();
        assertEquals(1, erpOrdersOf(id).size());
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
    }

    @Test
    void aBuyerWithTwoWinThorCustomersIsRejectedListingBoth() {
        Customer customer = syncedCustomer();
        Customer twin = new Customer(990_001, customer.name() + " FILIAL", customer.tradeName(), customer.document(), customer.stateInscription(),
                customer.personType(), null, null, customer.sellerId(), customer.activityId(), customer.regionId(), customer.branchId(),
                true, false, List.of(), customer.lastChange());
        world.winthor.data().customers.put(twin);
        Buyer sameCompany = OrderDriver.buyerOf(customer);
        String id = world.store.orders().place(new Buyer(sameCompany.document(), sameCompany.stateInscription(), sameCompany.corporate(),
                sameCompany.name(), null, "outro-comprador@cliente.com.br", null, sameCompany.address()), PAYMENT,
                List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
        push();
        assertEquals("ORDER_CUSTOMER_AMBIGUOUS", state(id).string("reason").orElseThrow());
        assertEquals(List.of(id, customer.id() + ", 990001"), state(id).list("params"));
        assertEquals(0, world.winthor.data().orderCount());
    }

    @Test
    void aBuyerUnknownToWinThorIsRegisteredFromTheStoreProfileAndTheOrderGoesToThem() {
        Buyer newcomer = StoreOrders.buyer("04252011000110", "compras@novaempresa.com.br");
        int customersBefore = world.winthor.data().customers.all().size();
        String id = world.store.orders().place(newcomer, PAYMENT, List.of(line(syncedPackaging(1), 2, 990)), 1500, 0);
        push();
        List<Customer> registered = world.winthor.data().customers.all().stream().filter(c -> c.document().equals("04252011000110")).toList();
        assertEquals(1, registered.size(), "registered once");
        Customer customer = registered.get(0);
        assertEquals(customersBefore + 1, world.winthor.data().customers.all().size());
        assertEquals(newcomer.name(), customer.name());
        assertEquals("110042490114", customer.stateInscription());
        assertEquals("J", customer.personType());
        assertEquals("compras@novaempresa.com.br", customer.email());
        assertEquals("01310100", customer.deliveryAddresses().get(0).zip());
        assertEquals("Avenida Paulista", customer.deliveryAddresses().get(0).street());
        assertEquals(customer.id(), erpOrdersOf(id).get(0).path("customer").path("id").asLong());
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());

        String again = world.store.orders().place(newcomer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
        push();
        assertEquals(customer.id(), erpOrdersOf(again).get(0).path("customer").path("id").asLong(), "the second order finds them");
        assertEquals(customersBefore + 1, world.winthor.data().customers.all().size());

        Buyer badZip = new Buyer("11444777000161", "ISENTO", true, "CEP ERRADO LTDA", null, "x@cepErrado.com.br", null,
                new com.winthorvd.shared.store.StorePort.CustomerAddress(null, null, "Rua A", "1", null, "Centro", "São Paulo", "SP", "123"));
        String refused = world.store.orders().place(badZip, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
        push();
        assertEquals("ORDER_CUSTOMER_NOT_CREATED", state(refused).string("reason").orElseThrow());
        assertTrue(state(refused).list("params").get(1).contains("CEP"), "WinThor's own words: " + state(refused).list("params"));
        assertEquals(0, erpOrdersOf(refused).size());
    }

    @Test
    void aCreateThatTimesOutWhileWinThorStillWritesItIsNotSearchedTooSoonNorCreatedTwice() {
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        // WinThor holds the create past the push's 1 s timeout, and writes the order once the test lets it go.
        world.runner.updateEnvironment(PUSH, Map.of("WINTHOR_REQUEST_TIMEOUT_SECONDS", "1"));
        Fault.Gate gate = new Fault.Gate();
        world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.held(gate), 1);
        world.runner.pollOnce(PUSH, Duration.ofSeconds(5));
        assertEquals("UNKNOWN_OUTCOME", state(id).string("status").orElseThrow(), "timed out: outcome unknown, no second create yet");
        assertTrue(state(id).string("error").orElseThrow().contains("within 1000 ms"), state(id).string("error").orElseThrow());
        world.runner.drain(PUSH, Duration.ofSeconds(5)); // retries meanwhile, before the settle time
        assertEquals(0, erpOrdersOf(id).size(), "not created again while the create may still be settling");
        gate.release();
        gate.awaitServed();
        assertEquals(1, erpOrdersOf(id).size(), "WinThor wrote it after the client gave up");
        assertFoundOnceAfterItSettles(id);
    }

    @Test
    void aCrashBetweenTheWinThorCreateAndTheStateWriteIsFoundAfterTheClaimExpiresNotCreatedAgain() {
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 2, 990)), 0);
        // What a push that died right after WinThor's answer leaves behind: the order in WinThor, the state at
        // CREATING and its claim still held.
        var winthor = winthorApi();
        var storeOrder = world.store.client(com.winthorvd.shared.store.RateLimits.defaults()).order(id).orElseThrow();
        var mapped = (OrderMapper.Mapped) new OrderMapper(SETTINGS, world.table, winthor, world.clock).map(storeOrder);
        winthor.createOrder(mapped.request());
        long now = world.clock.millis();
        world.table.put(Item.key(Keys.order(id), Keys.ONE).with("status", "CREATING").with("creatingAt", world.clock.instant().toString())
                .with("customerId", mapped.request().customerId()).with("branchId", mapped.request().branchId())
                .with("claimOwner", "the-invocation-that-died").with("claimUntil", now + 180_000));

        world.runner.drain(PUSH, Duration.ofSeconds(4));
        assertEquals("CREATING", state(id).string("status").orElseThrow(), "a live claim is never taken over");
        world.clock.advance(Duration.ofMinutes(4));
        push();
        assertEquals(1, erpOrdersOf(id).size(), "found by its store id among the customer's orders, not created again");
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
    }
}
