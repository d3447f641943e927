package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.PriceDriver;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.sim.Fault;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The store refusing for its set-up, not for the record: a rotated AppToken, a missing warehouse. Nothing is
 * recorded as published, nothing is dropped, the reason names what to fix, and once it is fixed every stock and price
 * row ends as WinThor has it, with no change in WinThor.
 */
class StoreSetupFailureTest extends WorldTest {

    @BeforeEach
    void start() {
        world = TestAws.world(30, Map.of());
        CatalogDriver.sync(world, true);
    }

    private Item stock(String sku, String branch) {
        return world.table.get(Keys.stock(sku, branch), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
    }

    /** A stock row the store has not confirmed: its state, and its quantity absent from the store. */
    private String unpublishedStockRow() {
        return world.manifest.stock().keySet().stream().filter(key -> {
            String[] skuAtBranch = key.split("@");
            return world.table.get(Keys.stock(skuAtBranch[0], skuAtBranch[1]), Keys.ONE, StateTable.Read.CONSISTENT)
                    .filter(item -> item.number("quantity").isEmpty()).isPresent();
        }).findFirst().orElseThrow(() -> new AssertionError("every row was published before the rotation"));
    }

    @Test
    void anAppTokenRotatedMidLoadLosesNoStockOrPriceAndEveryRowEndsRightOnceTheSecretIsFixed() {
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        world.runner.fireSchedule(PriceDriver.SCAN, "Full");
        world.runner.pollOnce(StockDriver.APPLY, Duration.ZERO); // part of the load goes through
        world.runner.pollOnce(PriceDriver.APPLY, Duration.ZERO);
        String rotated = world.store.rotateAppToken(); // in the store only: the secret still has the old one

        world.runner.drain(StockDriver.APPLY, Duration.ofSeconds(4));
        world.runner.drain(PriceDriver.APPLY, Duration.ofSeconds(4));
        assertTrue(world.runner.pendingOn("StockQueue") > 0 && world.runner.pendingOn("PriceQueue") > 0, "kept for a retry");
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue") + world.runner.pendingOn("PriceDeadLetterQueue"));
        String[] row = unpublishedStockRow().split("@");
        Item refused = stock(row[0], row[1]);
        assertEquals("FAILED", refused.string("status").orElseThrow());
        assertEquals(Reason.STORE_AUTH_FAILED.name(), refused.string("reason").orElseThrow());
        String message = Reason.STORE_AUTH_FAILED.message(refused.list("params"));
        assertTrue(message.contains("StoreAppTokenSecretArn") && message.contains(row[0]) && message.contains("401"), message);
        assertTrue(refused.number("attemptedQuantity").isPresent(), "what was sent is kept apart from what the store confirmed");

        world.aws.secrets().putSecretValue(b -> b.secretId(world.deployment.physicalId("StoreAppTokenSecret")).secretString(rotated));
        world.clock.advance(StoreSettings.SECRET_REREAD); // the containers read the secret again on the next refusal
        world.runner.drain(StockDriver.APPLY, Duration.ofMinutes(5));
        world.runner.drain(PriceDriver.APPLY, Duration.ofMinutes(5));
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertEquals(List.of(), PriceDriver.mismatches(world, world.manifest));
        Item fixed = stock(row[0], row[1]);
        assertEquals("SYNCED", fixed.string("status").orElseThrow());
        assertTrue(fixed.string("reason").isEmpty(), "the reason goes once the store accepts");
    }

    @Test
    void aWarehouseMissingFromTheStoreIsASetupFailureRetriedUntilItExists() {
        world.store.dropWarehouse("filial2");
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        world.runner.drain(StockDriver.APPLY, Duration.ofSeconds(4));
        String row = world.manifest.stock().keySet().stream().filter(k -> k.endsWith("@2")).findFirst().orElseThrow();
        Item refused = stock(row.split("@")[0], "2");
        assertEquals(Reason.STOCK_WAREHOUSE_MISSING.name(), refused.string("reason").orElseThrow(), refused.toString());
        assertTrue(Reason.STOCK_WAREHOUSE_MISSING.message(refused.list("params")).contains("filial2"));
        assertTrue(world.runner.pendingOn("StockQueue") > 0, "kept for a retry");

        world.store.warehouse("filial2", "Filial 2");
        world.runner.drain(StockDriver.APPLY, Duration.ofMinutes(5));
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));
        assertEquals(0, world.runner.pendingOn("StockDeadLetterQueue"));
    }

    @Test
    void pricesTheStoreRefusedAreSentAgainByTheNextFullReadWithNoChangeInWinThor() {
        world.store.faults().next("PUT /pricing/prices/*", Fault.of(Fault.Kind.HTTP_400), 3);
        PriceDriver.sync(world, true, 1);
        assertTrue(!PriceDriver.mismatches(world, world.manifest).isEmpty(), "three base prices refused");
        assertEquals(0, world.runner.pendingOn("PriceQueue") + world.runner.pendingOn("PriceDeadLetterQueue"), "a refusal is final for now");

        world.clock.advance(Duration.ofMinutes(1)); // the next full run, not the same run resumed
        Map<?, ?> again = PriceDriver.sync(world, true, 1).get(0);
        assertEquals(List.of(), PriceDriver.mismatches(world, world.manifest), "the refused base prices, sent again: " + again);
    }
}
