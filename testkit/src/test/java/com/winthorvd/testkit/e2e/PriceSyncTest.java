package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.PriceDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.shared.price.PriceMessage;
import com.winthorvd.shared.price.PriceState;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real price handlers after a catalog sync, compared SKU by SKU and price table by price table with the manifest. */
class PriceSyncTest extends WorldTest {
    static final LocalDateTime TODAY = LocalDateTime.of(2026, 11, 30, 9, 0);

    @BeforeEach
    void start() {
        world = TestAws.world(30, Map.of());
        CatalogDriver.sync(world, true);
    }

    private int storeCalls() {
        return world.store.totalRequests();
    }

    private List<String> syncedSkus() {
        return world.manifest.fixedPrices().keySet().stream().map(k -> k.split("@")[0]).distinct().toList();
    }

    private long storeId(String sku) {
        return CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
    }

    private ObjectNode price(String sku) {
        return world.store.price(storeId(sku));
    }

    private PriceItem row(String sku, String branch, String region) {
        return world.winthor.data().prices.get(sku + "@" + branch + "@" + region);
    }

    private static PriceItem withPrice(PriceItem row, String price) {
        return new PriceItem(row.skuKey(), row.productId(), row.branchId(), row.regionId(), new BigDecimal(price), null, null, null, null, null);
    }

    @Test
    void aFullLoadMatchesTheManifestAndARerunWithoutChangeSendsNothing() {
        int before = storeCalls();
        Map<?, ?> first = PriceDriver.sync(world, true, 2).get(0);
        assertEquals("COMPLETED", first.get("status"), first.toString());
        assertEquals(List.of(), PriceDriver.mismatches(world, world.manifest));
        assertEquals(syncedSkus().size(), storeCalls() - before,
                "one store call per SKU: a PUT with the base price and every table's fixed prices, not one per branch and region");
        assertTrue(world.manifest.fixedPrices().size() >= 5 * syncedSkus().size(), "the SKUs have several tables each");
        assertTrue(!world.manifest.rejectedPrices().isEmpty(), "the demo has a zero price, which must be rejected");
        assertEquals(List.of(), world.store.violations(), "every pricing request within VTEX's contract");
        assertEquals(0, world.runner.pendingOn("PriceDeadLetterQueue"));

        before = storeCalls();
        Map<?, ?> rerun = PriceDriver.sync(world, true, 2).get(0);
        assertEquals(0, storeCalls() - before, rerun.toString());
        assertEquals(null, ((Map<?, ?>) rerun.get("counts")).get("price.queued"), rerun.toString());
    }

    @Test
    void aFullReadOfMorePagesThanOneInvocationReadsCompletesFromWhereEachRunStoppedReadingEachPageOnce() {
        world.close();
        world = TestAws.world(30, Map.of("PricePageSize", "10"));
        CatalogDriver.sync(world, true);
        Map<String, Long> rowsPerBranch = world.winthor.data().prices.all().stream()
                .collect(java.util.stream.Collectors.groupingBy(PriceItem::branchId, java.util.stream.Collectors.counting()));
        int pages = rowsPerBranch.values().stream().mapToInt(rows -> (int) ((rows + 9) / 10)).sum();
        assertTrue(pages > 6, pages + " pages");
        // The SKUs just created are left to the full read alone, so every price/list request is one of its pages.
        com.winthorvd.shared.sync.PendingSkus.take(world.table, "price-sync").done();
        int lists = world.winthor.requests("GET /api/wholesale/v1/price/list");
        // 30 s, 10 s a look (the budget taken at the start, one before every page but the first): three pages a run.
        List<Map<?, ?>> runs = world.runner.invokeUntilComplete(PriceDriver.SCAN, new com.winthorvd.lambda.ScheduledInput("price-sync", "full"),
                () -> Budgets.spentPerLook(java.time.Duration.ofSeconds(30), java.time.Duration.ofSeconds(10)));
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), runs.toString());
        assertTrue(runs.size() <= (pages + 2) / 3 + 1, runs.size() + " runs for " + pages + " pages at three a run");
        assertEquals(pages, world.winthor.requests("GET /api/wholesale/v1/price/list") - lists, "no page read twice");
        world.runner.drain(PriceDriver.APPLY, java.time.Duration.ofHours(1), 2);
        assertEquals(List.of(), PriceDriver.mismatches(world, world.manifest));
    }

    @Test
    void priceRowsThatNameNoSkuAreLeftOutWithTheirReasonAndTheRunStillCompletes() {
        world.winthor.withoutField("/api/wholesale/v1/price/list", "productId"); // a WTA that sends only a bare CODPROD
        com.winthorvd.shared.sync.PendingSkus.take(world.table, "price-sync").done(); // the full read alone: each row once
        int before = storeCalls();
        Map<?, ?> run = PriceDriver.sync(world, true, 2).get(0);
        assertEquals("COMPLETED", run.get("status"), "one unreadable row never stops the read: " + run);
        long rows = world.winthor.data().prices.size();
        assertEquals(rows, ((Number) ((Map<?, ?>) run.get("counts")).get("price.invalid")).longValue());
        assertEquals(0, storeCalls() - before, "nothing is sent for a row whose SKU is unknown");
        String error = String.valueOf(((List<?>) run.get("errors")).get(0));
        assertTrue(error.startsWith("Preço da filial 1, região 1, sem embalagem identificável"), error);
        assertTrue(error.contains("rotina 203"), error);
    }

    @Test
    void singleChangesCostOneCallAndABasePriceChangeKeepsEveryOtherTable() {
        PriceDriver.sync(world, true, 1);
        String sku = syncedSkus().get(0);
        world.winthor.data().prices.put(withPrice(row(sku, "3", "2"), "77.70"));
        int before = storeCalls();
        PriceDriver.sync(world, true, 1);
        assertEquals(1, storeCalls() - before, "one POST for one changed table");
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("77.7"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial3-regiao2"));

        world.winthor.data().prices.put(withPrice(row(sku, "1", "1"), "55.50"));
        before = storeCalls();
        PriceDriver.sync(world, true, 1);
        assertEquals(1, storeCalls() - before, "one PUT for the base row");
        assertEquals(0, new BigDecimal("55.50").compareTo(price(sku).path("basePrice").decimalValue()));
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("77.7"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial3-regiao2"),
                "the PUT carried the other tables' fixed prices, so none was lost");
        assertEquals(world.manifest.fixedPrices().get(sku + "@2@1"), PriceDriver.fixedPrices(price(sku), "filial2-regiao1"));
    }

    private SQSEvent event(PriceMessage... messages) {
        return SqsEvents.of(world.deployment.queueArn("PriceQueue"), Arrays.stream(messages).map(PriceMessage::toJson).toList());
    }

    @Test
    void twoRegionsOfOneSkuAppliedInEitherOrderLeaveBothAndAnOlderChangeNeverWins() {
        PriceDriver.sync(world, true, 1);
        long version = world.clock.instant().toEpochMilli() + 3_600_000; // after the full load's scan
        for (int order = 0; order < 2; order++) {
            String sku = syncedSkus().get(order + 1);
            PriceMessage base = PriceMessage.of(withPrice(row(sku, "1", "1"), "10.10"), storeId(sku), "filial1-regiao1", true, version);
            PriceMessage other = PriceMessage.of(withPrice(row(sku, "1", "2"), "20.20"), storeId(sku), "filial1-regiao2", false, version);
            SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(PriceDriver.APPLY,
                    order == 0 ? event(base, other) : event(other, base));
            assertEquals(List.of(), response.getBatchItemFailures());
            assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("10.1"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial1-regiao1"));
            assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("20.2"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial1-regiao2"));

            int before = storeCalls();
            PriceMessage older = PriceMessage.of(withPrice(row(sku, "1", "2"), "99.99"), storeId(sku), "filial1-regiao2", false, version - 1);
            world.runner.invoke(PriceDriver.APPLY, event(older, other));
            assertEquals(0, storeCalls() - before, "an older change and a duplicate are dropped before any store call");
            assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("20.2"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial1-regiao2"));
        }
    }

    @Test
    void tablesOfOneSkuThatChangeTogetherCostOneCallAndATableThatAlreadyHasTheChangeIsLeftOut() {
        PriceDriver.sync(world, true, 1);
        String sku = syncedSkus().get(3);
        world.winthor.data().prices.put(withPrice(row(sku, "2", "1"), "21.10"));
        world.winthor.data().prices.put(withPrice(row(sku, "3", "2"), "32.20"));
        int before = storeCalls();
        int puts = world.store.requests("PUT /pricing/prices/" + storeId(sku));
        PriceDriver.sync(world, true, 1);
        assertEquals(1, storeCalls() - before, "two branches' tables changed together: one store call");
        assertEquals(puts + 1, world.store.requests("PUT /pricing/prices/" + storeId(sku)), "the PUT with every table");
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("21.1"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial2-regiao1"));
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("32.2"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial3-regiao2"));
        assertEquals(world.manifest.fixedPrices().get(sku + "@1@2"), PriceDriver.fixedPrices(price(sku), "filial1-regiao2"), "the others kept");
        assertEquals(0, world.manifest.prices().get(sku + "@1@1").compareTo(price(sku).path("basePrice").decimalValue()), "and the base price");

        // One table of a message already has its change (applied alone before): only the other is published, by a POST.
        long version = world.clock.instant().toEpochMilli() + 3_600_000;
        PriceMessage.TablePrice first = PriceMessage.TablePrice.of(withPrice(row(sku, "2", "2"), "22.20"), "filial2-regiao2", false);
        PriceMessage.TablePrice second = PriceMessage.TablePrice.of(withPrice(row(sku, "3", "1"), "31.10"), "filial3-regiao1", false);
        world.runner.invoke(PriceDriver.APPLY, event(new PriceMessage(sku, storeId(sku), List.of(first), version)));
        before = storeCalls();
        int posts = world.store.requests("POST /pricing/prices/" + storeId(sku) + "/fixed/filial3-regiao1");
        SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(PriceDriver.APPLY,
                event(new PriceMessage(sku, storeId(sku), List.of(first, second), version)));
        assertEquals(List.of(), response.getBatchItemFailures());
        assertEquals(1, storeCalls() - before);
        assertEquals(posts + 1, world.store.requests("POST /pricing/prices/" + storeId(sku) + "/fixed/filial3-regiao1"));
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("22.2"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial2-regiao2"));
        assertEquals(List.of(Manifest.fixedPrice(new BigDecimal("31.1"), 1, null, null)), PriceDriver.fixedPrices(price(sku), "filial3-regiao1"));
    }

    @Test
    void aPricing429StormWithFourParallelAppliersEndsWithEveryPriceRightAndAnEmptyDlq() {
        world.store.limit("pricing-write", 8);
        PriceDriver.sync(world, true, 4);
        world.store.limit("pricing-write", 0);
        assertTrue(world.store.throttled() > 0, "the storm really happened");
        assertEquals(List.of(), PriceDriver.mismatches(world, world.manifest));
        assertEquals(0, world.runner.pendingOn("PriceDeadLetterQueue"));
    }

    @Test
    void aZeroPriceIsRejectedWithItsReasonAndTheStoreKeepsThePublishedOne() {
        PriceDriver.sync(world, true, 1);
        String sku = syncedSkus().get(0);
        List<String> published = PriceDriver.fixedPrices(price(sku), "filial2-regiao1");
        world.winthor.data().prices.put(withPrice(row(sku, "2", "1"), "-1.00"));
        int before = storeCalls();
        PriceDriver.sync(world, true, 1);
        assertEquals(0, storeCalls() - before, "a negative price is never published");
        assertEquals(published, PriceDriver.fixedPrices(price(sku), "filial2-regiao1"));
        Item state = world.table.get(Keys.price(sku), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
        assertEquals("REJECTED", state.string(PriceState.status("filial2-regiao1")).orElseThrow());
        assertEquals("PRICE_NOT_POSITIVE", state.string(PriceState.reason("filial2-regiao1")).orElseThrow());
        assertEquals(List.of("Preço", sku, "2", "1", "-1.00", "filial2-regiao1"), state.list(PriceState.params("filial2-regiao1")));
    }

    @Test
    void aSkuCreatedAfterTheLastFullReadGetsItsPricesFromTheNewSkuRun() {
        PriceDriver.sync(world, true, 1);
        long id = 990_002;
        world.winthor.data().products.put(new Product(id, "PRODUTO NOVO 2KG", "produto novo", 1L, 11L, 1L, 1L, 1L, true, true, false,
                null, null, null, BigDecimal.ONE, BigDecimal.ONE, TODAY));
        String ean = "7890000000024";
        String sku = ean + "-" + id;
        for (String branch : List.of("1", "2", "3")) {
            world.winthor.data().packagings.put(new Packaging(ean, id, branch, "UN", "UN", 1, ean, BigDecimal.TEN, BigDecimal.TEN,
                    BigDecimal.TEN, BigDecimal.ONE, false, TODAY));
            for (String region : List.of("1", "2")) {
                world.winthor.data().prices.put(new PriceItem(sku, id, branch, region, new BigDecimal(branch + region + ".50"),
                        null, null, null, null, null));
            }
        }
        CatalogDriver.sync(world, false);
        Map<?, ?> run = PriceDriver.sync(world, false, 1).get(0);
        assertEquals(1L, ((Map<?, ?>) run.get("counts")).get("sku.read_after_create"), run.toString());
        assertEquals(0, new BigDecimal("11.50").compareTo(price(sku).path("basePrice").decimalValue()));
        for (String branch : List.of("1", "2", "3")) {
            for (String region : List.of("1", "2")) {
                assertEquals(List.of(Manifest.fixedPrice(new BigDecimal(branch + region + ".5"), 1, null, null)),
                        PriceDriver.fixedPrices(price(sku), "filial" + branch + "-regiao" + region));
            }
        }
    }
}
