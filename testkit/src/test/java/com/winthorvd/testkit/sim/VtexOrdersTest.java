package com.winthorvd.testkit.sim;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpServer;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.store.RateLimits;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.VtexHttp;
import com.winthorvd.shared.store.VtexStore;
import com.winthorvd.shared.util.MutableClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Customers (Master Data) and the order lifecycle, against the store simulator with its hook and feed. */
class VtexOrdersTest {
    private static final MutableClock CLOCK = MutableClock.at("2026-11-30T12:00:00Z");
    private static StoreSimulator sim;
    private static VtexStore store;
    private static HttpServer webhook;
    private static final List<JsonNode> hooks = new CopyOnWriteArrayList<>();
    private static final List<String> secrets = new CopyOnWriteArrayList<>();

    @RegisterExtension
    final ContractCheck contract = new ContractCheck(() -> sim);

    @BeforeAll
    static void start() throws Exception {
        sim = new StoreSimulator(RepoRoot.find(), CLOCK);
        store = new VtexStore(new VtexHttp(java.net.URI.create(sim.url()), java.net.URI.create(sim.pricingUrl()),
                StoreSimulator.APP_KEY, com.winthorvd.shared.util.CachedSecret.fixed(StoreSimulator.APP_TOKEN), Duration.ofSeconds(5), RateLimits.defaults(), d -> { }, () -> 0.5));
        webhook = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 16);
        webhook.createContext("/hook", exchange -> {
            hooks.add(Json.read(new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            secrets.add(String.valueOf(exchange.getRequestHeaders().getFirst("X-Winthor-Vd-Secret")));
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        webhook.start();
        store.configureHook(new StorePort.HookConfig("http://127.0.0.1:" + webhook.getAddress().getPort() + "/hook",
                List.of("ready-for-handling", "canceled"), Map.of("key", "winthor-vd", "X-Winthor-Vd-Secret", "s3cr3t")));
    }

    @AfterAll
    static void stop() {
        webhook.stop(0);
        sim.close();
    }

    private static String placeOrder() {
        return sim.orders().place(StoreOrders.buyer("11222333000181", "compras@mercado.com.br"), "Boleto Bancário", List.of(
                new StoreOrders.Line("17", "7891000315507-1001", 2, 12, 11940, 11940, "filial-1"),
                new StoreOrders.Line("18", "7891000315514-1002", 3, 1, 990, 990, "filial-1")), 1500, 500);
    }

    @Test
    void writesCustomersAsDocumentsWhoseIdComesFromTheirDocumentAndIe() {
        String id = StorePort.customerId("11.222.333/0001-81", "110.042.490.114");
        assertEquals(id, StorePort.customerId("11222333000181", "110042490114"), "punctuation does not matter");
        assertTrue(id.startsWith("wvd-") && !id.contains("11222333000181"), "no CNPJ in clear in the id: " + id);
        StorePort.CustomerProfile customer = new StorePort.CustomerProfile(id, "11222333000181", "110042490114", "MERCADO LTDA",
                "MERCADINHO", "compras@mercado.com.br", "11999990000", true, "1", 10002);
        store.putCustomer(customer);
        store.putCustomer(customer); // a PUT with the same id is an upsert: still one document
        assertEquals(customer, store.customer(id).orElseThrow());
        assertTrue(store.customer("wvd-nobody").isEmpty());
        store.putAddress(new StorePort.CustomerAddress("1", id, "RUA DAS FLORES", "10", null, "CENTRO", "SAO PAULO", "SP", "01001000"));
        assertEquals(id, sim.document("AD", id + "-1").path("userId").asText());
    }

    @Test
    void announcesANewOrderByHookAndReadsItInCents() {
        int before = hooks.size();
        String orderId = placeOrder();
        assertEquals(before + 1, hooks.size(), "the hook fired");
        JsonNode hook = hooks.get(hooks.size() - 1);
        assertEquals(orderId, hook.get("OrderId").asText());
        assertEquals("ready-for-handling", hook.get("State").asText());
        assertEquals("s3cr3t", secrets.get(secrets.size() - 1), "the configured secret header travels with it");

        StorePort.StoreOrder order = store.order(orderId).orElseThrow();
        assertEquals("ready-for-handling", order.status());
        assertEquals(2 * 11940 + 3 * 990, order.itemsCents());
        assertEquals(500, order.discountsCents());
        assertEquals(1500, order.shippingCents());
        assertEquals(2 * 11940 + 3 * 990 - 500 + 1500, order.totalCents());
        assertEquals(new StorePort.OrderLine("17", "7891000315507-1001", 2, 12, 11940, 2 * 11940 - 500, "filial-1"), order.lines().get(0));
        assertEquals(StoreOrders.buyer("11222333000181", "compras@mercado.com.br"), order.buyer(),
                "the client profile and the shipping address read back as placed");
        assertEquals("Boleto Bancário", order.paymentSystem());
        assertTrue(store.order("VD-404-01").isEmpty());
    }

    @Test
    void theFeedKeepsEveryChangeUntilCommittedEvenWhenHooksAreDropped() {
        sim.orders().dropHooks(1.0, 7);
        int before = hooks.size();
        String orderId = placeOrder();
        sim.orders().dropHooks(0, 7);
        assertEquals(before, hooks.size(), "no hook arrived");
        List<StorePort.OrderEvent> events = drain();
        assertTrue(events.stream().anyMatch(e -> e.orderId().equals(orderId) && e.state().equals("ready-for-handling")));
        assertTrue(store.orderEvents(10).isEmpty(), "read events stay hidden for a while");
        CLOCK.advance(Duration.ofMinutes(2));
        assertTrue(store.orderEvents(10).stream().anyMatch(e -> e.orderId().equals(orderId)), "uncommitted events come back");
        store.acknowledge(drainAgain().stream().map(StorePort.OrderEvent::handle).toList());
        CLOCK.advance(Duration.ofMinutes(2));
        assertTrue(store.orderEvents(10).stream().noneMatch(e -> e.orderId().equals(orderId)), "committed events are gone");
    }

    private List<StorePort.OrderEvent> drain() {
        List<StorePort.OrderEvent> all = new java.util.ArrayList<>();
        for (List<StorePort.OrderEvent> page = store.orderEvents(10); !page.isEmpty(); page = store.orderEvents(10)) {
            all.addAll(page);
        }
        return all;
    }

    private List<StorePort.OrderEvent> drainAgain() {
        CLOCK.advance(Duration.ofMinutes(2));
        return drain();
    }

    @Test
    void handlingThenInvoiceMakesTheOrderImmutable() {
        String orderId = placeOrder();
        store.startHandling(orderId);
        assertEquals("handling", store.order(orderId).orElseThrow().status());
        store.invoice(orderId, new StorePort.Invoice("10001", "1", "35261112345678000195550010000100011500000019",
                Instant.parse("2026-11-30T15:00:00Z"), 2 * 11940 - 500 + 1500, List.of(new StorePort.InvoiceLine("17", 2, 11690))));
        StorePort.StoreOrder invoiced = store.order(orderId).orElseThrow();
        assertEquals("invoiced", invoiced.status());
        assertEquals(List.of("10001"), invoiced.invoiceNumbers());
        StoreException again = assertThrows(StoreException.class, () -> store.cancel(orderId, "late"));
        assertEquals(403, again.status());
        assertFalse(again.isTransient());
        assertThrows(StoreException.class, () -> store.startHandling(orderId));
    }

    @Test
    void cancelsAnOrderOnceWithItsReason() {
        String orderId = placeOrder();
        store.cancel(orderId, "Cancelado no WinThor: cliente desistiu");
        store.cancel(orderId, "Cancelado no WinThor: cliente desistiu");
        assertEquals("canceled", store.order(orderId).orElseThrow().status());
        assertEquals("Cancelado no WinThor: cliente desistiu", sim.orders().order(orderId).path("cancelReason").asText());
    }

    @Test
    void readsBackTheHookConfiguration() {
        StorePort.HookConfig hook = store.hook().orElseThrow();
        assertEquals(List.of("ready-for-handling", "canceled"), hook.states());
        assertEquals("s3cr3t", hook.headers().get("X-Winthor-Vd-Secret"));
    }
}
