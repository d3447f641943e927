package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.data.DemoData;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogMessage;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Changes after the first load, faults and races, each checked against WinThor's data and the state, record by record. */
class CatalogChangesTest {
    static final int PRODUCTS = 30;
    static final LocalDateTime TODAY = LocalDateTime.of(2026, 11, 30, 9, 0);
    private LocalWorld world;

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    private LocalWorld loaded() {
        world = TestAws.world(PRODUCTS, Map.of());
        CatalogDriver.sync(world, true);
        return world;
    }

    private static Product renamed(Product p, String name, boolean sent, LocalDateTime at) {
        return new Product(p.id(), name, p.description(), p.departmentId(), p.sectionId(), p.categoryId(), p.brandId(), p.supplierId(),
                p.active(), sent, p.showWithoutStock(), p.webDepartmentId(), p.webSectionId(), p.webCategoryId(), p.grossWeightKg(),
                p.netWeightKg(), at);
    }

    private String firstSyncedProduct() {
        return world.manifest.records("product").entrySet().stream().filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
    }

    private ObjectNode storeProduct(String key) {
        return CatalogDriver.byRef(world.store.products()).get(key);
    }

    @Test
    void aRerunWithNoChangeSendsNothingToTheStoreAndOneChangedProductUpdatesExactlyThatProduct() {
        loaded();
        int before = world.store.totalRequests();
        Map<?, ?> incremental = CatalogDriver.sync(world, false).get(0);
        assertEquals(0, world.store.totalRequests() - before, "store calls on an incremental rerun without change");
        assertFalse(((Map<?, ?>) incremental.get("counts")).keySet().stream().anyMatch(k -> k.toString().endsWith(".queued")),
                incremental.toString());
        CatalogDriver.sync(world, true);
        assertEquals(0, world.store.totalRequests() - before, "store calls on a full rerun without change");

        String key = firstSyncedProduct();
        Product p = world.winthor.data().products.get(key);
        world.winthor.data().products.put(renamed(p, p.name() + " NOVO", true, TODAY));
        before = world.store.totalRequests();
        CatalogDriver.sync(world, false);
        assertEquals(1, world.store.totalRequests() - before, "one PUT for one changed product");
        assertEquals(p.name() + " NOVO", storeProduct(key).path("Name").asText());
        assertEquals(TODAY.atZone(java.time.ZoneId.of("America/Sao_Paulo")).toInstant().toEpochMilli(), CatalogDriver.state(world, "product", key).number("version").orElseThrow());
        CatalogCheck.assertMatchesManifest(world);
    }

    @Test
    void fixingOnlyABrandsFlagIntegratesItsProductsOnTheNextIncrementalRun() {
        loaded();
        long inactive = DemoData.brandCount(PRODUCTS);
        List<String> blocked = world.manifest.records("product").entrySet().stream()
                .filter(e -> e.getValue().parameters().contains("marca")).map(Map.Entry::getKey).toList();
        assertFalse(blocked.isEmpty(), "the demo data has products of the inactive brand");
        blocked.forEach(key -> assertEquals("REJECTED", CatalogDriver.state(world, "product", key).string("status").orElseThrow()));

        Brand brand = world.winthor.data().brands.get(Long.toString(inactive));
        world.winthor.data().brands.put(new Brand(brand.id(), brand.name(), true, TODAY));
        CatalogDriver.sync(world, false);

        for (String key : blocked) {
            Item item = CatalogDriver.state(world, "product", key);
            assertEquals("SYNCED", item.string("status").orElseThrow(), key);
            ObjectNode stored = storeProduct(key);
            assertNotNull(stored, key);
            assertEquals(inactive, stored.path("BrandId").asLong());
        }
        assertTrue(world.store.brands().get(inactive).path("Active").asBoolean());
    }

    @Test
    void aRecordLeavingEcommerceIsDeactivatedOnlyByACompleteFullRunWithoutPageErrors() {
        loaded();
        String key = firstSyncedProduct();
        Product p = world.winthor.data().products.get(key);
        world.winthor.data().products.put(renamed(p, p.name(), false, TODAY)); // gone from the callOrigin=W feed

        CatalogDriver.sync(world, false);
        assertEquals("SYNCED", CatalogDriver.state(world, "product", key).string("status").orElseThrow(), "an incremental run cannot notice");

        world.winthor.faults().next("GET /api/purchases/v1/products/", Fault.of(Fault.Kind.HTTP_500), 2);
        List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
        assertEquals("FAILED", runs.get(0).get("status"), runs.toString());
        runs = CatalogDriver.sync(world, true); // resumes the same run at the failed page
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"));
        assertTrue(runs.get(runs.size() - 1).get("errors").toString().contains("nothing deactivated"), runs.toString());
        assertEquals("SYNCED", CatalogDriver.state(world, "product", key).string("status").orElseThrow());
        assertTrue(storeProduct(key).path("IsActive").asBoolean());

        CatalogDriver.sync(world, true);
        Item item = CatalogDriver.state(world, "product", key);
        assertEquals("REMOVED", item.string("status").orElseThrow());
        assertEquals("LEFT_ECOMMERCE", item.string("reason").orElseThrow());
        assertFalse(storeProduct(key).path("IsActive").asBoolean());
        long activeOthers = world.store.products().values().stream().filter(n -> n.path("IsActive").asBoolean()).count();
        assertEquals(world.manifest.count("product", Manifest.Outcome.SYNCED) - 1, activeOthers, "nothing else deactivated");
    }

    @Test
    void aRecordThatLeavesTheScopeIsDeactivatedInTheStoreWithTheSettingNamed() {
        world = TestAws.world(PRODUCTS, Map.of("CatalogScope",
                "{\"suppliers\":{\"exclude\":[999]},\"customers\":{\"sellers\":{\"exclude\":[999]}}}"));
        CatalogDriver.sync(world, true);
        CatalogCheck.assertMatchesManifest(world); // nothing of the demo data is excluded by this scope

        String key = firstSyncedProduct();
        Product p = world.winthor.data().products.get(key);
        world.winthor.data().products.put(new Product(p.id(), p.name(), p.description(), p.departmentId(), p.sectionId(), p.categoryId(),
                p.brandId(), 999L, p.active(), true, p.showWithoutStock(), null, null, null, p.grossWeightKg(), p.netWeightKg(), TODAY));
        com.winthorvd.shared.winthor.model.Customer c = world.winthor.data().customers.get("10002");
        world.winthor.data().customers.put(new com.winthorvd.shared.winthor.model.Customer(c.id(), c.name(), c.tradeName(), c.document(),
                c.stateInscription(), c.personType(), c.email(), c.phone(), 999L, c.activityId(), c.regionId(), c.branchId(), c.active(),
                c.blocked(), c.deliveryAddresses(), TODAY));
        CatalogDriver.sync(world, false);

        Item product = CatalogDriver.state(world, "product", key);
        assertEquals("OUT_OF_SCOPE", product.string("status").orElseThrow());
        assertEquals(List.of("produto", key, "CATALOG_SCOPE.suppliers"), product.list("params"));
        assertFalse(storeProduct(key).path("IsActive").asBoolean(), "deactivated in the store");
        assertEquals("OUT_OF_SCOPE", CatalogDriver.state(world, "customer", "10002").string("status").orElseThrow());
        assertFalse(world.store.document("CL", com.winthorvd.shared.store.StorePort.customerId(c.document(), c.stateInscription()))
                .path("approved").asBoolean(), "an excluded customer may no longer buy");
    }

    private SQSEvent event(CatalogMessage... messages) {
        return SqsEvents.of(world.deployment.queueArn("CatalogQueue"), java.util.Arrays.stream(messages).map(CatalogMessage::toJson).toList());
    }

    private CatalogMessage version(String key, String name, LocalDateTime at) {
        Product p = world.winthor.data().products.get(key);
        Product changed = renamed(p, name, true, at);
        world.winthor.data().products.put(changed);
        var raw = Json.read(Json.write(Map.of("id", p.id(), "name", name, "description", p.description(), "departmentId", p.departmentId(),
                "sectionId", p.sectionId(), "categoryId", p.categoryId(), "brandId", p.brandId(), "lastChange", WtaFields.format(at))));
        return new CatalogMessage(CatalogMessage.Op.APPLY, CatalogEntity.PRODUCT, key, at.atZone(java.time.ZoneId.of("America/Sao_Paulo")).toInstant().toEpochMilli(),
                "h-" + name, "test", false, raw);
    }

    /**
     * A parent not decided yet is usually being applied by another container: the child looks at it again for a moment
     * instead of going back to the queue, where it (and in a full sync its own children) would wait behind the backlog.
     */
    @Test
    void aProductWaitsInTheInvocationForABrandBeingAppliedAndIsRecordedAsWaitingForOneThatNeverComes() {
        loaded();
        String key = firstSyncedProduct();
        String brandPk = com.winthorvd.shared.state.Keys.map("brand", Long.toString(world.winthor.data().products.get(key).brandId()));
        Item brand = world.table.get(brandPk, com.winthorvd.shared.state.Keys.ONE, com.winthorvd.shared.state.StateTable.Read.CONSISTENT)
                .orElseThrow();
        List<Duration> pauses = new java.util.ArrayList<>();
        // The other container: the brand is decided while the product waits its first pause.
        com.winthorvd.shared.catalog.CatalogApplyService service = com.winthorvd.shared.catalog.CatalogFlow.apply(
                world.runner.function(CatalogDriver.APPLY).env(), world.clock, pause -> {
                    if (pauses.isEmpty()) {
                        world.table.put(brand);
                    }
                    pauses.add(pause);
                }).service();

        world.table.deleteIf(brandPk, com.winthorvd.shared.state.Keys.ONE, com.winthorvd.shared.state.Condition.of("attribute_exists(pk)"));
        assertEquals(com.winthorvd.shared.catalog.CatalogApplyService.Outcome.SYNCED, service.apply(version(key, "VERSAO 2", TODAY)));
        assertEquals(List.of(Duration.ofMillis(100)), pauses, "one look again, 100 ms later, found the brand decided");
        assertEquals("VERSAO 2", storeProduct(key).path("Name").asText());

        pauses.clear();
        pauses.add(Duration.ZERO); // this time the brand never comes
        world.table.deleteIf(brandPk, com.winthorvd.shared.state.Keys.ONE, com.winthorvd.shared.state.Condition.of("attribute_exists(pk)"));
        assertEquals(com.winthorvd.shared.catalog.CatalogApplyService.Outcome.WAITING_PARENT,
                service.apply(version(key, "VERSAO 3", TODAY.plusMinutes(1))));
        assertEquals(1 + 19, pauses.size(), "20 looks, 2 s in all, then it is recorded as waiting");
        Item waiting = CatalogDriver.state(world, "product", key);
        assertEquals("WAITING_PARENT", waiting.string("status").orElseThrow());
        assertEquals("PARENT#" + brandPk.substring("MAP#".length()), waiting.string("gsi2pk").orElseThrow(), "found again when its brand is decided");
        assertEquals("VERSAO 2", storeProduct(key).path("Name").asText(), "nothing sent while it waits");
    }

    @Test
    void duplicatedAndOutOfOrderMessagesLeaveTheNewerVersion() {
        loaded();
        String key = firstSyncedProduct();
        CatalogMessage older = version(key, "VERSAO 1", TODAY);
        CatalogMessage newer = version(key, "VERSAO 2", TODAY.plusMinutes(1));
        world.runner.invoke(CatalogDriver.APPLY, event(newer, newer));
        int before = world.store.totalRequests();
        SQSBatchResponse late = (SQSBatchResponse) world.runner.invoke(CatalogDriver.APPLY, event(older, newer));
        assertEquals(List.of(), late.getBatchItemFailures(), "a stale or repeated change is handled by dropping it");
        assertEquals(0, world.store.totalRequests() - before);
        assertEquals("VERSAO 2", storeProduct(key).path("Name").asText());
        assertEquals(newer.version(), CatalogDriver.state(world, "product", key).number("version").orElseThrow());
    }

    @Test
    void twoAppliersRacingOnOneProductLeaveTheNewerVersion() throws Exception {
        loaded();
        String key = firstSyncedProduct();
        long storeId = storeProduct(key).path("Id").asLong();
        CatalogMessage older = version(key, "VERSAO LENTA", TODAY);
        CatalogMessage newer = version(key, "VERSAO NOVA", TODAY.plusMinutes(1));
        // The store holds the first update: the newer change arrives while the older one is in the store call.
        Fault.Gate gate = new Fault.Gate();
        world.store.faults().next("PUT /api/catalog/pvt/product/" + storeId, Fault.held(gate), 1);
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> world.runner.invoke(CatalogDriver.APPLY, event(older)));
        gate.awaitArrival(); // the first applier holds the claim and is inside the store call
        SQSBatchResponse second = (SQSBatchResponse) world.runner.invoke(CatalogDriver.APPLY, event(newer));
        assertEquals(1, second.getBatchItemFailures().size(), "the newer change waits while the older one holds the claim");
        gate.release();
        assertEquals(List.of(), ((SQSBatchResponse) slow.get()).getBatchItemFailures());
        SQSBatchResponse retried = (SQSBatchResponse) world.runner.invoke(CatalogDriver.APPLY, event(newer));
        assertEquals(List.of(), retried.getBatchItemFailures());
        assertEquals("VERSAO NOVA", storeProduct(key).path("Name").asText());
        assertEquals(newer.version(), CatalogDriver.state(world, "product", key).number("version").orElseThrow());
    }

    @Test
    void aCrashAfterEachKindOfStoreCreateLeavesNoDuplicate() {
        world = TestAws.world(PRODUCTS, Map.of());
        for (String create : List.of("POST /api/catalog/pvt/category", "POST /api/catalog/pvt/brand", "POST /api/catalog/pvt/product",
                "POST /api/catalog/pvt/stockkeepingunit")) {
            world.store.faults().next(create, Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
        }
        CatalogDriver.sync(world, true);
        CatalogCheck.assertMatchesManifest(world); // byRef and the category and brand counts fail on any duplicate
        assertEquals(0, world.runner.pendingOn("CatalogDeadLetterQueue"));
    }

    @Test
    void aShortBudgetCompletesATwentyPageFeedWithNothingMissedOrRepeated() {
        world = TestAws.world(200, Map.of("CatalogPageSize", "10"));
        int products = world.winthor.data().products.size();
        long packagings = world.winthor.data().packagings.all().stream().filter(p -> p.branchId().equals("1")).count();
        // 50 s, of which each look at the time left spends 5 s: ten pages an invocation (one look for the budget, none before the first page) on any machine.
        List<Map<?, ?>> runs = world.runner.invokeUntilComplete(CatalogDriver.SCAN, new ScheduledInput("catalog-sync", "full"),
                () -> Budgets.spentPerLook(Duration.ofSeconds(50), Duration.ofSeconds(5)));
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"));
        assertTrue(runs.size() > 2, "the short budget took " + runs.size() + " invocation(s)");
        long queuedProducts = runs.stream().mapToLong(r -> count(r, "product.queued")).sum();
        long queuedSkus = runs.stream().mapToLong(r -> count(r, "sku.queued")).sum();
        assertEquals(products, queuedProducts, "every product queued exactly once");
        assertEquals(packagings, queuedSkus, "every packaging queued exactly once");
        assertEquals(products, runs.stream().mapToLong(r -> count(r, "product.read")).sum(), "no page read twice");
    }

    private static long count(Map<?, ?> run, String name) {
        Object value = ((Map<?, ?>) run.get("counts")).get(name);
        return value == null ? 0 : ((Number) value).longValue();
    }

    /** Every product the manifest syncs is SYNCED in state and active in the store: nothing was taken out. */
    private void assertNoProductDeactivated() {
        long active = world.store.products().values().stream().filter(n -> n.path("IsActive").asBoolean()).count();
        assertEquals(world.manifest.count("product", Manifest.Outcome.SYNCED), active, "every synced product still active");
        CatalogCheck.assertMatchesManifest(world);
    }

    @Test
    void aFullRunThatMeetsAnEmptyPageSayingMoreFollowOrAWholeBarePageDeactivatesNothingAndResumesThere() {
        world = TestAws.world(PRODUCTS, Map.of("CatalogPageSize", "10")); // page 1 of products is a whole page
        CatalogDriver.sync(world, true);
        for (Fault.Kind kind : List.of(Fault.Kind.EMPTY_PAGE, Fault.Kind.BARE_ARRAY)) {
            world.winthor.faults().next("GET /api/purchases/v1/products/", Fault.of(kind), 1);
            List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
            assertEquals("FAILED", runs.get(0).get("status"), kind + ": " + runs);
            assertTrue(runs.get(0).get("errors").toString().contains(kind == Fault.Kind.EMPTY_PAGE ? "hasNext=true" : "bare list"),
                    runs.get(0).toString());
            assertEquals(0, count(runs.get(0), "product.deactivate"), "nothing deactivated after a short read");
            assertNoProductDeactivated();

            runs = CatalogDriver.sync(world, true); // the same run, resumed at the page that failed
            Map<?, ?> last = runs.get(runs.size() - 1);
            assertEquals("COMPLETED", last.get("status"), runs.toString());
            assertTrue(last.get("errors").toString().contains("nothing deactivated"), "a run with a page error never deactivates");
            assertNoProductDeactivated();
        }
        List<Map<?, ?>> clean = CatalogDriver.sync(world, true);
        assertEquals("COMPLETED", clean.get(clean.size() - 1).get("status"));
        assertEquals(0, clean.stream().mapToLong(r -> count(r, "product.deactivate")).sum(), "a clean full run sees every product");
        assertNoProductDeactivated();
    }

    @Test
    void aRecordWhoseIdCanBeReadButNotItsBodyIsSeenNotDeactivated() {
        world = TestAws.world(PRODUCTS, Map.of("CatalogPageSize", "10"));
        CatalogDriver.sync(world, true);
        world.winthor.faults().always("GET /api/purchases/v1/products/", Fault.of(Fault.Kind.UNREADABLE_RECORD));
        List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
        world.winthor.faults().clear();
        Map<?, ?> last = runs.get(runs.size() - 1);
        assertEquals("COMPLETED", last.get("status"), runs.toString());
        assertTrue(count(last, "product.invalid") > 0, last.toString());
        assertTrue(java.util.regex.Pattern.compile("product \\d+: field lastChange is not a WTA date").matcher(last.get("errors").toString()).find(),
                "the record is named by its key, with the reason: " + last.get("errors"));
        assertEquals(0, runs.stream().mapToLong(r -> count(r, "product.deactivate")).sum(), "an unreadable record is not one that left");
        assertNoProductDeactivated();
    }

    @Test
    void aFullRunThatWouldDeactivateMoreThanTheLimitHoldsThemUntilConfirmed() {
        world = TestAws.world(PRODUCTS, Map.of("CatalogDeactivationMaxPercent", "5", "CatalogDeactivationMinRecords", "3"));
        CatalogDriver.sync(world, true);
        List<String> synced = world.manifest.records("product").entrySet().stream()
                .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED).map(Map.Entry::getKey).sorted().toList();
        List<String> gone = synced.subList(0, 4); // 4 > max(3, 5% of the synced): a night that read a short catalog, say
        for (String key : gone) {
            Product p = world.winthor.data().products.get(key);
            world.winthor.data().products.put(renamed(p, p.name(), false, TODAY));
        }
        List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
        Map<?, ?> last = runs.get(runs.size() - 1);
        assertEquals("DEACTIVATION_HELD", last.get("status"), runs.toString());
        assertEquals(4, count(last, "product.deactivation_held"), last.toString());
        assertEquals(0, count(last, "product.deactivate"));
        String runId = String.valueOf(last.get("runId"));
        assertTrue(last.get("errors").toString().contains("catalog deactivate --run " + runId + " --confirm"), last.toString());
        for (String key : gone) {
            assertEquals("SYNCED", CatalogDriver.state(world, "product", key).string("status").orElseThrow(), "held, not deactivated");
            assertTrue(storeProduct(key).path("IsActive").asBoolean());
        }
        com.winthorvd.shared.catalog.CatalogScanService.Held held = com.winthorvd.shared.catalog.CatalogScanService.held(world.table, runId)
                .stream().filter(h -> h.entity() == com.winthorvd.shared.catalog.CatalogEntity.PRODUCT).findFirst().orElseThrow();
        assertEquals(4, held.unseen());
        assertEquals(synced.size(), held.synced());
        // The next full run decides afresh (it holds again: the four are still gone), and the first run's hold is dropped.
        List<Map<?, ?>> again = CatalogDriver.sync(world, true);
        assertEquals("DEACTIVATION_HELD", again.get(again.size() - 1).get("status"));
        assertEquals(List.of(), com.winthorvd.shared.catalog.CatalogScanService.held(world.table, runId), "an older hold is stale");
        runId = String.valueOf(again.get(again.size() - 1).get("runId"));

        // A person checked WinThor and confirms: exactly those four leave the store.
        Map<com.winthorvd.shared.catalog.CatalogEntity, Long> queued = com.winthorvd.shared.catalog.CatalogScanService.release(world.table,
                com.winthorvd.shared.catalog.CatalogQueue.sqs(com.winthorvd.shared.queue.QueueSender.of(new com.winthorvd.shared.aws.AwsClients(
                        com.winthorvd.shared.config.Env.of(world.aws.runtimeEnv()))), world.deployment.queueUrl("CatalogQueue")), runId);
        assertEquals(4L, queued.get(com.winthorvd.shared.catalog.CatalogEntity.PRODUCT), queued.toString());
        world.runner.drain(CatalogDriver.APPLY, Duration.ofMinutes(2));
        for (String key : gone) {
            assertEquals("REMOVED", CatalogDriver.state(world, "product", key).string("status").orElseThrow());
            assertFalse(storeProduct(key).path("IsActive").asBoolean());
        }
        long active = world.store.products().values().stream().filter(n -> n.path("IsActive").asBoolean()).count();
        assertEquals(synced.size() - 4, active, "nothing else deactivated");
        assertEquals(List.of(), com.winthorvd.shared.catalog.CatalogScanService.held(world.table, runId), "the hold is released");
    }
}
