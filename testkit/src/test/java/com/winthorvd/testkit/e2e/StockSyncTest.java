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
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.StockItem;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
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
        Map<?, ?> first = StockDriver.sync(world, 1);
        assertEquals("COMPLETED", first.get("status"), first.toString());
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertEquals(world.manifest.stock().size(), inventoryPuts() - before, "one inventory PUT per SKU and branch, no more");
        assertEquals(List.of(), world.store.violations(), "every PUT carries quantity, unlimitedQuantity and leadTime");
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue"));

        before = inventoryPuts();
        Map<?, ?> rerun = StockDriver.sync(world, 1);
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

    private SQSEvent event(StockMessage... messages) {
        return SqsEvents.of(world.deployment.queueArn("StockQueue"), java.util.Arrays.stream(messages).map(StockMessage::toJson).toList());
    }

    @Test
    void duplicatedOutOfOrderAndRacingChangesLeaveTheNewerValue() throws Exception {
        StockDriver.sync(world, 1);
        String sku = syncedSku(1);
        long id = CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        long v1 = TODAY.toInstant(ZoneOffset.UTC).toEpochMilli();
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
