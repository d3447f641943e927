package com.winthorvd.testkit.sim;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.store.RateLimits;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.VtexHttp;
import com.winthorvd.shared.store.VtexStore;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Every store client call against the store simulator, each exchange checked against VTEX's OpenAPI files. */
class VtexStoreTest {
    private static StoreSimulator sim;
    private final List<Duration> waits = new ArrayList<>();
    /** The clients' time: every wait (a backoff, a Retry-After the rate limits hold) is recorded, to the millisecond, and passes at once. */
    private final java.util.concurrent.atomic.AtomicLong nanos = new java.util.concurrent.atomic.AtomicLong();
    private final com.winthorvd.shared.util.Sleeper sleeper = d -> {
        waits.add(Duration.ofMillis(Math.round(d.toNanos() / 1e6)));
        nanos.addAndGet(d.toNanos());
    };
    private VtexStore store;

    @RegisterExtension
    final ContractCheck contract = new ContractCheck(() -> sim);

    @BeforeAll
    static void start() {
        sim = new StoreSimulator(RepoRoot.find());
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    @BeforeEach
    void client() {
        sim.faults().clear();
        store = store(StoreSimulator.APP_TOKEN, Duration.ofSeconds(2));
    }

    private VtexStore store(String token, Duration timeout) {
        return new VtexStore(new VtexHttp(URI.create(sim.url()), URI.create(sim.pricingUrl()), StoreSimulator.APP_KEY,
                com.winthorvd.shared.util.CachedSecret.fixed(token), timeout, limits(), sleeper, () -> 0.5));
    }

    private RateLimits limits() {
        return new RateLimits(java.util.Map.of(), nanos::get, sleeper);
    }

    private long[] tree(String suffix) {
        long department = store.createCategory(new StorePort.CategoryInput("ALIMENTOS " + suffix, null, true));
        long section = store.createCategory(new StorePort.CategoryInput("MERCEARIA " + suffix, department, true));
        long category = store.createCategory(new StorePort.CategoryInput("ARROZ " + suffix, section, true));
        return new long[] {department, section, category};
    }

    @Test
    void buildsTheThreeCategoryLevelsAndFindsEachByNameUnderItsParent() {
        long[] ids = tree("A");
        assertEquals(ids[0], store.findCategory("ALIMENTOS A", null).orElseThrow());
        assertEquals(ids[1], store.findCategory("MERCEARIA A", ids[0]).orElseThrow());
        assertEquals(ids[2], store.findCategory("ARROZ A", ids[1]).orElseThrow());
        assertTrue(store.findCategory("ARROZ A", ids[0]).isEmpty(), "only under its own parent");
        store.updateCategory(ids[2], new StorePort.CategoryInput("ARROZ A", ids[1], false));
        assertFalse(sim.categories().get(ids[2]).path("IsActive").asBoolean());
    }

    @Test
    void createsBrandsProductsAndSkusFindableByTheirNaturalKeys() {
        long[] ids = tree("B");
        long brand = 77;
        assertFalse(store.brandExists(brand));
        store.createBrand(new StorePort.BrandInput(brand, "MARCA B", true));
        assertTrue(store.brandExists(brand), "the brand's id is ours: its own lookup key");
        store.updateBrand(new StorePort.BrandInput(brand, "MARCA B", false));
        assertFalse(sim.brands().get(brand).path("Active").asBoolean());
        long product = store.createProduct(new StorePort.ProductInput("1001", "ARROZ TIPO 1 5KG", "arroz", ids[2], brand, true, true, false));
        assertEquals(product, store.findProduct("1001").orElseThrow());
        assertTrue(store.findProduct("9999").isEmpty());
        store.addToSalesChannel(product, "1");
        assertEquals(List.of("1"), sim.salesChannels(product));
        long sku = store.createSku(new StorePort.SkuInput(product, "7891000315507-1001", "ARROZ CX12", 12, "un",
                new BigDecimal("30"), new BigDecimal("40"), new BigDecimal("20"), new BigDecimal("60.5"), true));
        assertEquals(sku, store.findSku("7891000315507-1001").orElseThrow());
        assertEquals(12, sim.skus().get(sku).path("UnitMultiplier").asInt());
        assertFalse(sim.skus().get(sku).path("IsActive").asBoolean(), "no image: stays inactive");
        assertTrue(sim.skus().get(sku).path("ActivateIfPossible").asBoolean());
        store.addBarcode(sku, "7891000315507");
        assertEquals(List.of("7891000315507"), sim.eans(sku));
        store.updateProduct(product, new StorePort.ProductInput("1001", "ARROZ TIPO 1 5KG NOVO", "arroz", ids[2], brand, true, true, false));
        assertEquals("ARROZ TIPO 1 5KG NOVO", sim.products().get(product).path("Name").asText());

        StoreException duplicate = assertThrows(StoreException.class,
                () -> store.createProduct(new StorePort.ProductInput("1001", "X", "x", ids[2], brand, true, true, false)));
        assertEquals(400, duplicate.status());
        assertFalse(duplicate.isTransient(), "a 4xx other than 429 is never retried");
    }

    private long someSku(String ref) {
        long[] ids = tree(ref);
        long brand = 1000 + Math.floorMod(ref.hashCode(), 1000);
        store.createBrand(new StorePort.BrandInput(brand, "MARCA " + ref, true));
        long product = store.createProduct(new StorePort.ProductInput("P" + ref, "PRODUTO " + ref, null, ids[2], brand, true, true, false));
        return store.createSku(new StorePort.SkuInput(product, ref, "SKU " + ref, 1, "un", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, true));
    }

    @Test
    void setsInventoryAlwaysWithQuantityUnlimitedAndLeadTime() {
        long sku = someSku("INV");
        store.createWarehouse(new StorePort.Warehouse("filial-1", "Filial 1"));
        assertTrue(store.warehouses().contains(new StorePort.Warehouse("filial-1", "Filial 1")));
        store.setInventory(sku, "filial-1", new StorePort.Inventory(41, false, Duration.ofDays(1)));
        assertEquals(new StorePort.Inventory(41, false, Duration.ofDays(1)), store.inventory(sku, "filial-1").orElseThrow());
        assertTrue(store.inventory(sku, "filial-2").isEmpty());
    }

    @Test
    void keepsFixedPricesOfEveryTableAndABasePriceReplacesThemAll() {
        long sku = someSku("PRC");
        StorePort.FixedPrice regionOne = new StorePort.FixedPrice("1", new BigDecimal("119.40"), 1, null, null);
        StorePort.FixedPrice regionTwo = new StorePort.FixedPrice("2", new BigDecimal("125.37"), 1, null, null);
        StorePort.FixedPrice wholesale = new StorePort.FixedPrice("1", new BigDecimal("113.43"), 10, null, null);
        StorePort.FixedPrice offer = new StorePort.FixedPrice("1", new BigDecimal("107.46"), 1,
                Instant.parse("2026-11-01T03:00:00Z"), Instant.parse("2026-12-16T03:00:00Z"));
        store.setFixedPrices(sku, "2", List.of(regionTwo));
        store.setFixedPrices(sku, "1", List.of(regionOne, wholesale, offer));
        StorePort.Price price = store.price(sku).orElseThrow();
        assertEquals(4, price.fixedPrices().size(), "both tables kept, whichever came first");
        assertTrue(price.fixedPrices().contains(regionTwo));
        assertTrue(price.fixedPrices().contains(offer));

        store.setBasePrice(sku, new BigDecimal("119.40"), price.fixedPrices());
        assertEquals(4, store.price(sku).orElseThrow().fixedPrices().size(), "passing the set keeps it");
        assertEquals(0, new BigDecimal("119.40").compareTo(store.price(sku).orElseThrow().basePrice()));
        store.setBasePrice(sku, new BigDecimal("119.40"), List.of());
        assertEquals(0, store.price(sku).orElseThrow().fixedPrices().size(), "the store's PUT replaces every fixed price");
    }

    @Test
    void waitsOutAShort429AndReportsALongOneWithItsRetryAfter() {
        sim.faults().next("GET /api/catalog/pvt/brand/5", Fault.of(Fault.Kind.TOO_MANY_REQUESTS), 2);
        store.brandExists(5);
        assertEquals(List.of(Duration.ofSeconds(1), Duration.ofSeconds(1)), waits, "Retry-After honoured, twice");

        sim.faults().next("GET /api/catalog/pvt/brand/5", new Fault(Fault.Kind.TOO_MANY_REQUESTS, Duration.ofSeconds(60), null), 1);
        StoreException e = assertThrows(StoreException.class, () -> store.brandExists(5));
        assertEquals(429, e.status());
        assertTrue(e.isTransient());
        assertEquals(Duration.ofSeconds(60), e.retryAfter().orElseThrow(), "the caller backs the message off this long");
    }

    @Test
    void aRetryAfterThatWouldOutlastTheInvocationIsNotWaitedInlineAndNoCallIsMadeWithoutTime() {
        sim.faults().next("GET /api/catalog/pvt/brand/6", Fault.of(Fault.Kind.TOO_MANY_REQUESTS), 1);
        int before = sim.totalRequests();
        // 2.5 s left: a 1 s Retry-After plus the 2 s margin does not fit, so the 429 goes up to be retried later.
        StoreException e = assertThrows(StoreException.class, () -> com.winthorvd.shared.util.Deadline.within(
                () -> Duration.ofMillis(2500), () -> store.brandExists(6)));
        assertEquals(429, e.status());
        assertTrue(e.isTransient());
        assertEquals(List.of(), waits, "no inline wait");
        assertEquals(1, sim.totalRequests() - before);
        StoreException none = assertThrows(StoreException.class, () -> com.winthorvd.shared.util.Deadline.within(
                () -> Duration.ofMillis(1500), () -> store.brandExists(6)));
        assertTrue(none.isTransient() && !none.outcomeUnknown(), "not sent, so nothing happened: " + none.getMessage());
        assertEquals(1, sim.totalRequests() - before, "under the margin no call is made");
    }

    @Test
    void retriesA5xxOnlyWhereRepeatingIsHarmless() {
        int gets = sim.requests("GET /api/catalog/pvt/brand/6");
        sim.faults().next("GET /api/catalog/pvt/brand/6", Fault.of(Fault.Kind.HTTP_500), 2);
        assertFalse(store.brandExists(6));
        // Two retries for the two 500s, backed off and doubling (jitter fixed at 1x). On a loaded machine a pooled
        // connection the server has just closed can cost one more (network failures of a GET are retried too).
        assertEquals(List.of(Duration.ofMillis(200), Duration.ofMillis(400)), waits.subList(0, 2), "two 500s, each backed off");
        assertTrue(waits.size() <= 3, "at most one retry beyond the two 500s: " + waits);
        assertTrue(sim.requests("GET /api/catalog/pvt/brand/6") - gets >= 3, "two 500s, then the answer");

        int before = sim.requests("POST /api/catalog/pvt/brand");
        sim.faults().next("POST /api/catalog/pvt/brand", Fault.of(Fault.Kind.HTTP_500), 1);
        StoreException e = assertThrows(StoreException.class, () -> store.createBrand(new StorePort.BrandInput(88, "X", true)));
        assertTrue(e.outcomeUnknown(), "a failed create may have happened: look it up before creating again");
        assertEquals(before + 1, sim.requests("POST /api/catalog/pvt/brand"), "never resent blindly");
    }

    @Test
    void aTimeoutOnACreateHasAnUnknownOutcome() {
        VtexStore impatient = store(StoreSimulator.APP_TOKEN, Duration.ofMillis(300));
        sim.faults().next("POST /api/catalog/pvt/brand", Fault.slow(Duration.ofSeconds(1)), 1);
        StoreException e = assertThrows(StoreException.class, () -> impatient.createBrand(new StorePort.BrandInput(99, "LENTA", true)));
        assertEquals(0, e.status());
        assertTrue(e.outcomeUnknown());
        assertTrue(e.isTransient());
    }

    @Test
    void aWrongAppTokenIsAnAuthFailureRetriedLaterNeverTheRecordsOwnRefusal() {
        int before = sim.requests("GET /api/catalog/pvt/brand/1");
        StoreException e = assertThrows(StoreException.class, () -> store("wrong", Duration.ofSeconds(2)).brandExists(1));
        assertEquals(401, e.status());
        assertTrue(e.authFailure() && e.setupFailure(), "the set-up, not the record");
        assertTrue(e.isTransient(), "retried once the secret is fixed");
        assertEquals("StoreAuthFailed", e.setupMetric());
        assertEquals(before + 1, sim.requests("GET /api/catalog/pvt/brand/1"), "a token that did not change is not sent again");
        assertTrue(waits.isEmpty());
    }

    @Test
    void aTokenRotatedInTheStoreIsReadAgainFromTheSecretAndTheCallRepeatedOnce() {
        try (StoreSimulator own = new StoreSimulator(RepoRoot.find())) {
            java.util.concurrent.atomic.AtomicReference<String> secret = new java.util.concurrent.atomic.AtomicReference<>(own.appToken());
            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
            com.winthorvd.shared.util.MutableClock clock = com.winthorvd.shared.util.MutableClock.at("2026-11-30T12:00:00Z");
            var token = new com.winthorvd.shared.util.CachedSecret(() -> {
                reads.incrementAndGet();
                return secret.get();
            }, clock, Duration.ofSeconds(30));
            VtexStore client = new VtexStore(new VtexHttp(URI.create(own.url()), URI.create(own.pricingUrl()), StoreSimulator.APP_KEY,
                    token, Duration.ofSeconds(2), limits(), sleeper, () -> 0.5));
            assertFalse(client.brandExists(1));
            secret.set(own.rotateAppToken()); // rotated in the store and saved in Secrets Manager
            clock.advance(Duration.ofMinutes(1));
            assertFalse(client.brandExists(1), "answered with the new token");
            assertEquals(2, reads.get());
            assertEquals(3, own.requests("GET /api/catalog/pvt/brand/1"), "the refused call, then the same call once more");

            own.rotateAppToken(); // rotated again, not saved yet
            clock.advance(Duration.ofMinutes(1));
            StoreException e = assertThrows(StoreException.class, () -> client.brandExists(1));
            assertTrue(e.authFailure());
            assertEquals(3, reads.get(), "read again (the interval had passed), still the old value");
            assertThrows(StoreException.class, () -> client.brandExists(1));
            assertEquals(3, reads.get(), "within the interval: no second read");
        }
    }

    @Test
    void theContractCheckCatchesWhatBreaksTheSpecs() throws Exception {
        org.junit.jupiter.api.Assumptions.assumeTrue(sim.validatesContract(),
                "contract validation skipped: ../shared/contracts/vtex is not beside this clone");
        try (StoreSimulator other = new StoreSimulator(RepoRoot.find())) {
            java.net.http.HttpClient client = java.net.http.HttpClient.newHttpClient();
            for (String[] call : new String[][] {{"POST", "/api/catalog/pvt/category", "{\"Name\":\"SO O NOME\"}"},
                    {"GET", "/api/catalog/pvt/not-an-operation", null}}) {
                client.send(java.net.http.HttpRequest.newBuilder(URI.create(other.url() + call[1]))
                        .header("X-VTEX-API-AppKey", StoreSimulator.APP_KEY).header("X-VTEX-API-AppToken", StoreSimulator.APP_TOKEN)
                        .header("Accept", "application/json").header("Content-Type", "application/json")
                        .method(call[0], call[2] == null ? java.net.http.HttpRequest.BodyPublishers.noBody()
                                : java.net.http.HttpRequest.BodyPublishers.ofString(call[2])).build(),
                        java.net.http.HttpResponse.BodyHandlers.ofString());
            }
            List<String> violations = other.violations();
            assertTrue(violations.stream().anyMatch(v -> v.contains("POST /api/catalog/pvt/category request") && v.contains("missing required")),
                    violations.toString());
            assertTrue(violations.stream().anyMatch(v -> v.contains("not-an-operation")), violations.toString());
        }
    }

    @Test
    void anHtmlPageWith200IsAGatewayErrorNotData() {
        sim.faults().next("GET /api/catalog/pvt/brand/7", Fault.of(Fault.Kind.HTML_200), 1);
        StoreException e = assertThrows(StoreException.class, () -> store.brandExists(7));
        assertTrue(e.isTransient());
        assertTrue(e.getMessage().contains("HTML"), e.getMessage());
    }

    @Test
    void aResetIsRetriedForReadsAndLeavesACreateUnknown() {
        sim.faults().next("GET /api/catalog/pvt/brand/8", Fault.of(Fault.Kind.RESET), 1);
        assertFalse(store.brandExists(8), "a read is simply tried again");
        sim.faults().next("POST /api/catalog/pvt/brand", Fault.of(Fault.Kind.RESET), 1);
        StoreException e = assertThrows(StoreException.class, () -> store.createBrand(new StorePort.BrandInput(8, "RESET", true)));
        assertEquals(0, e.status());
        assertTrue(e.outcomeUnknown());
    }

    @Test
    void commitThenDropCreatesTheRecordWhileTheCallerSeesAnUnknownOutcome() {
        long[] ids = tree("DROP");
        sim.faults().next("POST /api/catalog/pvt/product", Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        store.createBrand(new StorePort.BrandInput(4242, "MARCA DROP", true));
        StoreException e = assertThrows(StoreException.class,
                () -> store.createProduct(new StorePort.ProductInput("DROP-1", "P", null, ids[2], 4242, true, true, false)));
        assertTrue(e.outcomeUnknown());
        assertTrue(store.findProduct("DROP-1").isPresent(), "the lookup by RefId finds what the lost answer created");
    }

    @Test
    void reproducesVtexZeroingStockWhenAnInventoryPutOmitsTheQuantity() throws Exception {
        long sku = someSku("ZERO");
        store.createWarehouse(new StorePort.Warehouse("filial-9", "Filial 9"));
        store.setInventory(sku, "filial-9", new StorePort.Inventory(30, false, Duration.ZERO));
        java.net.http.HttpResponse<String> answer = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(sim.url() + "/api/logistics/pvt/inventory/skus/" + sku + "/warehouses/filial-9"))
                .header("X-VTEX-API-AppKey", StoreSimulator.APP_KEY).header("X-VTEX-API-AppToken", StoreSimulator.APP_TOKEN)
                .header("Content-Type", "application/json").header("Accept", "application/json, text/plain")
                .PUT(java.net.http.HttpRequest.BodyPublishers.ofString("{\"unlimitedQuantity\":false,\"leadTime\":\"0.00:00:00\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(200, answer.statusCode(), "VTEX answers 200");
        assertEquals(0, store.inventory(sku, "filial-9").orElseThrow().quantity(), "and the stock is now 0");
        contract.forgive(); // the request above lacks a field the spec requires: that is the point of this test
    }

    @Test
    void answers429AboveTheConfiguredRateOfAnEndpointGroup() {
        sim.limit("catalog", 3);
        try {
            StoreException e = assertThrows(StoreException.class, () -> {
                for (int i = 0; i < 20; i++) {
                    store.brandExists(1);
                }
            });
            assertEquals(429, e.status());
            assertEquals(Duration.ofSeconds(1), e.retryAfter().orElseThrow());
            assertTrue(waits.contains(Duration.ofSeconds(1)), "Retry-After was waited out before giving up");
        } finally {
            sim.limit("catalog", 0);
        }
    }
}
