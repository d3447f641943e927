package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.stock.StockMessage;
import com.winthorvd.shared.stock.StockScanService;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.StockItem;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real stock handlers after a catalog sync, compared SKU by SKU and branch by branch with the manifest. */
class StockSyncTest extends WorldTest {
    static final LocalDateTime TODAY = LocalDateTime.of(2026, 11, 30, 9, 0);

    @BeforeEach
    void start() {
        world = TestAws.world(30, Map.of());
        CatalogDriver.sync(world, true);
    }

    private int inventoryPuts() {
        return world.store.totalRequests();
    }

    private String syncedSku(int unitsPerPack) {
        return world.manifest.records("sku").entrySet().stream().filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED)
                .map(Map.Entry::getKey).filter(sku -> world.winthor.data().packagings.get(sku + "@1").unitsPerPack() == unitsPerPack)
                .findFirst().orElseThrow();
    }

    private long published(String sku, String branch) {
        long id = CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        return world.store.inventory(id, "filial" + branch).path("quantity").asLong();
    }

    @Test
    void aFullLoadMatchesTheManifestAndARerunWithoutChangeSendsNothing() {
        int before = inventoryPuts();
        Map<?, ?> first = StockDriver.sync(world, 1).get(0);
        assertEquals("COMPLETED", first.get("status"), first.toString());
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertEquals(world.manifest.stock().size(), inventoryPuts() - before, "one inventory PUT per SKU and branch, no more");
        assertEquals(List.of(), world.store.violations(), "every PUT carries quantity, unlimitedQuantity and leadTime");
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue"));

        before = inventoryPuts();
        Map<?, ?> rerun = StockDriver.sync(world, 1).get(0);
        assertEquals(0, inventoryPuts() - before, rerun.toString());
    }

    @Test
    void aChangeOfATwelveUnitBoxPublishesWholeBoxesOnly() {
        StockDriver.sync(world, 1);
        String sku = syncedSku(12);
        world.winthor.data().stock.put(new StockItem(sku, "2", BigDecimal.valueOf(12 * 7 + 5), 12, false, TODAY));
        int before = inventoryPuts();
        StockDriver.sync(world, 1);
        assertEquals(1, inventoryPuts() - before, "one PUT for one changed row");
        assertEquals(7, published(sku, "2"), "89 units in boxes of 12 publish 7 boxes");
    }

    @Test
    void aRowFirstReadWithoutADateStillTakesItsNextChangeMadeInWinThorsLocalTime() {
        String sku = syncedSku(1);
        // The first full read finds a row WinThor never dated: its version is the scan's own instant (12:00 UTC).
        world.winthor.data().stock.put(new StockItem(sku, "2", BigDecimal.valueOf(40), 1, false, null));
        StockDriver.sync(world, 1);
        assertEquals(40, published(sku, "2"));
        // At 10:00 in São Paulo (13:00 UTC) the row changes; read as UTC, 10:00 would be older than 12:00 and dropped.
        world.clock.advance(java.time.Duration.ofHours(2));
        world.winthor.data().stock.put(new StockItem(sku, "2", BigDecimal.valueOf(25), 1, false, TODAY.plusHours(1)));
        StockDriver.sync(world, 1);
        assertEquals(25, published(sku, "2"), "the newer change is applied, not dropped as stale");
    }

    private List<Map<?, ?>> scanUntilDone(String mode) {
        return world.runner.invokeUntilComplete(StockDriver.SCAN, new com.winthorvd.lambda.ScheduledInput("stock-sync", mode),
                () -> Budgets.spentPerLook(java.time.Duration.ofSeconds(50), java.time.Duration.ofSeconds(10)));
    }

    @Test
    void aBacklogOfMorePagesThanOneInvocationReadsCompletesGoingOnFromWhereEachRunStopped() {
        world.close();
        world = TestAws.world(30, Map.of("StockPageSize", "10"));
        CatalogDriver.sync(world, true);
        int pages = (int) Math.ceil(world.winthor.data().stock.size() / 10.0);
        assertTrue(pages > 10, pages + " pages");
        List<Map<?, ?>> runs = scanUntilDone("incremental");
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), runs.toString());
        assertTrue(runs.size() <= (pages + 4) / 5 + 1, runs.size() + " runs for " + pages + " pages at five a run");
        world.runner.drain(StockDriver.APPLY, java.time.Duration.ofMinutes(10));
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        List<String> logged = new com.winthorvd.shared.run.RunLog(world.table, world.clock).recent(StockScanService.FLOW, runs.size())
                .stream().map(com.winthorvd.shared.run.RunRecord::status).sorted().toList();
        assertEquals(runs.stream().map(r -> String.valueOf(r.get("status"))).sorted().toList(), logged,
                "the run log says what each run did (PARTIAL until the last, COMPLETED), not SUCCEEDED");
    }

    @Test
    void aRowThatShiftsAcrossAPageBoundaryWhileTheReadRunsIsNotSkipped() {
        world.close();
        world = TestAws.world(30, Map.of("StockPageSize", "10"));
        CatalogDriver.sync(world, true);
        StockDriver.sync(world, 1);
        // Rows change one a minute: two pages or more of the next incremental read, in lastChange order.
        List<String> skus = world.manifest.stock().keySet().stream().filter(k -> k.endsWith("@2")).map(k -> k.split("@")[0])
                .filter(sku -> world.winthor.data().packagings.get(sku + "@1").unitsPerPack() == 1).sorted().limit(20).toList();
        assertTrue(skus.size() >= 15, skus.size() + " rows");
        for (int i = 0; i < skus.size(); i++) {
            world.winthor.data().stock.put(new StockItem(skus.get(i), "2", BigDecimal.valueOf(500 + i), 1, false, TODAY.plusHours(1).plusMinutes(i)));
        }
        // The last read ended just before these changes: the next one's first page is exactly the first ten of them.
        world.table.put(world.table.get(Keys.watermark(StockScanService.FLOW), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow()
                .with("lastChange", com.winthorvd.shared.winthor.model.WtaFields.format(TODAY.plusHours(1))));
        // Right after the first page is read (the scan looks at its time left), the first row changes again: it moves
        // to the feed's end, and every row after it one place up, so a read by page number would miss one.
        java.util.concurrent.atomic.AtomicInteger looks = new java.util.concurrent.atomic.AtomicInteger();
        Map<?, ?> run = (Map<?, ?>) world.runner.invoke(StockDriver.SCAN, new com.winthorvd.lambda.ScheduledInput("stock-sync", "incremental"),
                () -> {
                    if (looks.getAndIncrement() == 1) {
                        world.winthor.data().stock.put(new StockItem(skus.get(0), "2", BigDecimal.valueOf(499), 1, false, TODAY.plusHours(2)));
                    }
                    return java.time.Duration.ofSeconds(50);
                });
        assertEquals("COMPLETED", run.get("status"));
        world.runner.drain(StockDriver.APPLY, java.time.Duration.ofMinutes(5));
        for (int i = 1; i < skus.size(); i++) {
            assertEquals(500 + i, published(skus.get(i), "2"), skus.get(i) + " (row " + i + ") read, not shifted past");
        }
        assertEquals(499, published(skus.get(0), "2"));
    }

    @Test
    void theNightlyFullReadSendsWhatTheStoreNeverConfirmedAndNothingWhenAllIsRight() {
        String sku = syncedSku(1);
        long id = CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        world.store.faults().always("PUT /api/logistics/pvt/inventory/skus/" + id + "/warehouses/filial2", Fault.of(Fault.Kind.HTTP_400));
        StockDriver.sync(world, 1);
        assertTrue(StockDriver.mismatches(world, world.manifest).get(0).startsWith(sku + "@2: no inventory"), "one inventory refused");
        world.store.faults().clear(); // the cause is fixed in the store
        StockDriver.sync(world, 1);
        assertTrue(StockDriver.mismatches(world, world.manifest).get(0).startsWith(sku + "@2: no inventory"),
                "the incremental read sees no change in WinThor");
        assertEquals("STORE_REFUSED", world.table.get(Keys.stock(sku, "2"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow()
                .string("reason").orElseThrow());

        int before = inventoryPuts();
        Map<?, ?> full = StockDriver.syncFull(world).get(0);
        assertEquals("COMPLETED", full.get("status"));
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest), "sent again by the full read");
        assertEquals(1, inventoryPuts() - before, "only the difference");

        before = world.store.totalRequests();
        world.clock.advance(java.time.Duration.ofDays(1));
        StockDriver.syncFull(world);
        assertEquals(0, world.store.totalRequests() - before, "a full read without differences makes no store call");
    }

    private SQSEvent event(StockMessage... messages) {
        return SqsEvents.of(world.deployment.queueArn("StockQueue"), java.util.Arrays.stream(messages).map(StockMessage::toJson).toList());
    }

    @Test
    void duplicatedOutOfOrderAndRacingChangesLeaveTheNewerValue() throws Exception {
        StockDriver.sync(world, 1);
        String sku = syncedSku(1);
        long id = CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        long v1 = TODAY.atZone(java.time.ZoneId.of("America/Sao_Paulo")).toInstant().toEpochMilli();
        StockMessage older = new StockMessage(sku, "1", "filial1", id, 10, false, v1);
        StockMessage newer = new StockMessage(sku, "1", "filial1", id, 20, false, v1 + 60_000);
        Fault.Gate gate = new Fault.Gate();
        world.store.faults().next("PUT /api/logistics/pvt/inventory/skus/" + id + "/warehouses/filial1", Fault.held(gate), 1);
        CompletableFuture<Object> slow = CompletableFuture.supplyAsync(() -> world.runner.invoke(StockDriver.APPLY, event(older)));
        gate.awaitArrival(); // the older value's applier holds the claim and is inside the store call
        SQSBatchResponse busy = (SQSBatchResponse) world.runner.invoke(StockDriver.APPLY, event(newer));
        assertEquals(1, busy.getBatchItemFailures().size(), "the newer value waits while the older is in the store call");
        gate.release();
        assertEquals(List.of(), ((SQSBatchResponse) slow.get()).getBatchItemFailures());
        SQSBatchResponse later = (SQSBatchResponse) world.runner.invoke(StockDriver.APPLY, event(newer, older, newer));
        assertEquals(List.of(), later.getBatchItemFailures());
        assertEquals(20, published(sku, "1"));
        assertEquals(20, world.table.get(Keys.stock(sku, "1"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow().number("quantity").orElseThrow());
    }

    @Test
    void aStorm429WithFourParallelAppliersEndsWithEveryValueRightAndAnEmptyDlq() {
        world.store.limit("logistics", 8);
        StockDriver.sync(world, 4);
        world.store.limit("logistics", 0);
        assertTrue(world.store.throttled() > 0, "the storm really happened");
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue"));
    }

    /**
     * The store account allows 10 logistics calls a second (50 burst credits) for all callers. Four apply containers
     * each pacing to the whole limit, as every container did before it took its share, meet 429s; each pacing to a
     * quarter never does, and both end with every value right.
     */
    @Test
    void fourContainersShareTheAccountsLogisticsLimitSoTheStoreNeverAnswers429() {
        world.close();
        world = TestAws.world(30, Map.of("StoreRateLimits", com.winthorvd.testkit.LocalWorld.UNPACED_STORE_RATES.replace("logistics=5000", "logistics=10"),
                "StockApplyConcurrency", "4"));
        CatalogDriver.sync(world, true);
        assertEquals(10.0, world.store.limits().get("logistics")[0]);
        assertTrue(world.manifest.stock().size() > 2 * world.store.limits().get("logistics")[1],
                world.manifest.stock().size() + " rows: more than twice the account's burst credits");

        StockDriver.sync(world, 4);
        assertEquals(0, world.store.throttledByGroup().getOrDefault("logistics", 0), "each container kept to its share of the limit");
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));

        world.runner.updateEnvironment(StockDriver.APPLY, Map.of("STORE_RATE_SHARED_BY", "1")); // each container takes it all
        world.clock.advance(java.time.Duration.ofMinutes(1));
        Map<String, Long> expected = new java.util.LinkedHashMap<>();
        int i = 0;
        for (String key : world.manifest.stock().keySet()) {
            String[] skuAtBranch = key.split("@");
            int perPack = world.winthor.data().packagings.get(key).unitsPerPack();
            long packs = 1_000 + i++;
            world.winthor.data().stock.put(new StockItem(skuAtBranch[0], skuAtBranch[1], BigDecimal.valueOf(packs * perPack), perPack, false,
                    world.winthor.winthorNow()));
            expected.put(key, packs);
        }
        StockDriver.sync(world, 4);
        assertTrue(world.store.throttledByGroup().getOrDefault("logistics", 0) > 0, "four containers at the whole limit each overran it");
        expected.forEach((key, packs) -> assertEquals(packs, published(key.split("@")[0], key.split("@")[1]), key));
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue"));
    }

    @Test
    void aSkuCreatedAfterItsLastStockChangeGetsItsStock() {
        StockDriver.sync(world, 1); // the watermark is now past every stock row of the demo data
        long id = 990_001;
        world.winthor.data().products.put(new Product(id, "PRODUTO NOVO 1KG", "produto novo", 1L, 11L, 1L, 1L, 1L, true, true, false,
                null, null, null, BigDecimal.ONE, BigDecimal.ONE, TODAY));
        String ean = "7890000000017";
        for (String branch : List.of("1", "2", "3")) {
            world.winthor.data().packagings.put(new Packaging(ean, id, branch, "UN", "UN", 1, ean, BigDecimal.TEN, BigDecimal.TEN,
                    BigDecimal.TEN, BigDecimal.ONE, false, TODAY));
            // Stock last changed long before the SKU reaches the store: the feed since the watermark does not bring it.
            world.winthor.data().stock.put(new StockItem(ean + "-" + id, branch, BigDecimal.valueOf(40 + Integer.parseInt(branch)), 1, false,
                    LocalDateTime.of(2026, 11, 2, 8, 0)));
        }
        CatalogDriver.sync(world, false);
        StockDriver.sync(world, 1);
        assertEquals(41, published(ean + "-" + id, "1"));
        assertEquals(43, published(ean + "-" + id, "3"));
    }
}
