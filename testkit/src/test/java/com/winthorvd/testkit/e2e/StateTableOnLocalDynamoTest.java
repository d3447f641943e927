package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.state.Claims;
import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The state table helpers against the table template.yaml defines (dynalite, or LocalStack with its profile), GSI
 * included; conditional writes raced by many threads with no lock in front of the local DynamoDB.
 */
class StateTableOnLocalDynamoTest {
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = TestAws.world();
    }

    @AfterAll
    static void stop() {
        if (world != null) { // null when the LocalStack profile was skipped
            world.close();
        }
    }

    @Test
    void aPendingSkuMarkedAgainWhileItsScanRunsStaysForTheNextRun() {
        String flow = "stock-sync";
        com.winthorvd.shared.sync.PendingSkus.mark(world.table, List.of(flow), "7890000000017-1", 1);
        com.winthorvd.shared.sync.PendingSkus.mark(world.table, List.of(flow), "7890000000024-2", 2);
        com.winthorvd.shared.sync.PendingSkus taken = com.winthorvd.shared.sync.PendingSkus.take(world.table, flow);
        assertEquals(2, taken.size());
        com.winthorvd.shared.sync.PendingSkus.mark(world.table, List.of(flow), "7890000000024-2", 2); // a reservation changed meanwhile
        taken.done();
        com.winthorvd.shared.sync.PendingSkus next = com.winthorvd.shared.sync.PendingSkus.take(world.table, flow);
        assertEquals(java.util.Set.of(2L), next.products(), "the mark put again during the scan is read by the next one");
        next.done();
        assertEquals(0, com.winthorvd.shared.sync.PendingSkus.take(world.table, flow).size());
    }

    @Test
    void writeAllPutsAndDeletesMoreThanOneBatchAndKeepsTheLastOperationOfAKeyNamedTwice() {
        List<Item> puts = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            puts.add(Item.key("RESERVED#9", "order-w#" + i).with("packs", i));
        }
        puts.add(Item.key("RESERVED#9", "order-w#3").with("packs", 333)); // the same key again: the last one wins
        world.table.writeAll(puts, List.of());
        List<Item> held = world.table.query("RESERVED#9", "order-w#", false, 100);
        assertEquals(30, held.size(), "30 keys written over two batches of at most 25");
        assertEquals(333, world.table.get("RESERVED#9", "order-w#3", StateTable.Read.CONSISTENT).orElseThrow().number("packs").orElseThrow());

        world.table.writeAll(List.of(Item.key("RESERVED#9", "order-w#5").with("packs", 55)), held);
        assertEquals(List.of("order-w#5"), world.table.query("RESERVED#9", "order-w#", false, 100).stream().map(Item::sk).toList(),
                "every key deleted but the one put after its delete");
    }

    @Test
    void aConditionalPutHasOneWinner() {
        Condition absent = Condition.of("attribute_not_exists(pk)");
        assertTrue(world.table.putIf(Item.key("MAP#product#1001", Keys.ONE).with("owner", "a"), absent));
        assertFalse(world.table.putIf(Item.key("MAP#product#1001", Keys.ONE).with("owner", "b"), absent));
        assertEquals("a", world.table.get("MAP#product#1001", Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow()
                .string("owner").orElseThrow());
    }

    @Test
    void theSparseIndexFindsItemsByItsKeysAndPrefix() {
        world.table.put(Item.key("MAP#sku#1-1001", Keys.ONE).with("gsi1pk", "WAITING#product#1001").with("gsi1sk", "sku#1-1001"));
        world.table.put(Item.key("MAP#sku#2-1001", Keys.ONE).with("gsi1pk", "WAITING#product#1001").with("gsi1sk", "sku#2-1001"));
        world.table.put(Item.key("MAP#sku#3-1002", Keys.ONE).with("gsi1pk", "WAITING#product#1002").with("gsi1sk", "sku#3-1002"));
        world.table.put(Item.key("MAP#sku#4-1001", Keys.ONE)); // not in the index: no gsi1 keys
        List<String> waiting = world.table.queryIndex(StateTable.GSI1, "WAITING#product#1001", "sku#", 100).stream().map(Item::pk).sorted().toList();
        assertEquals(List.of("MAP#sku#1-1001", "MAP#sku#2-1001"), waiting);
        assertEquals(1, world.table.queryIndex(StateTable.GSI1, "WAITING#product#1001", "sku#", 1).size(), "the limit holds");
    }

    @Test
    void theIndexesHoldOnlyWhatTheirQueriesReadNotTheRawRecordAgain() {
        world.table.put(Item.key("MAP#customer#77", Keys.ONE).with("gsi1pk", "STATUS#customer#SYNCED").with("gsi1sk", "77")
                .with("gsi2pk", "PARENT#brand#9").with("gsi2sk", "customer#77").with("erpKey", "77").with("status", "SYNCED")
                .with("record", "{\"personIdentificationNumber\":\"11222333000181\"}").with("storeBodyHash", "abc").with("name", "MERCADO"));
        Item byStatus = world.table.queryIndex(StateTable.GSI1, "STATUS#customer#SYNCED", "77", 1).get(0);
        assertEquals(java.util.Optional.of("77"), byStatus.string("erpKey"));
        assertEquals(java.util.Optional.of("SYNCED"), byStatus.string("status"));
        assertTrue(byStatus.string("record").isEmpty(), "gsi1 does not copy the record");
        assertTrue(byStatus.string("name").isEmpty());
        Item waiting = world.table.queryIndex(StateTable.GSI2, "PARENT#brand#9", "", 1).get(0);
        assertTrue(waiting.string("record").isPresent(), "gsi2 keeps the record: a waiting child is re-queued from it");
        assertTrue(waiting.string("storeBodyHash").isEmpty());
    }

    @Test
    void twentyClaimersRacingOnOneItemHaveExactlyOneWinnerEveryRound() throws Exception {
        Claims claims = new Claims(world.table);
        Instant now = world.clock.instant();
        ExecutorService pool = Executors.newFixedThreadPool(20);
        try {
            for (int round = 0; round < 20; round++) {
                String pk = "MAP#sku#race-" + round;
                CountDownLatch start = new CountDownLatch(1);
                List<Future<Claims.Kind>> outcomes = new ArrayList<>();
                for (int claimer = 0; claimer < 20; claimer++) {
                    String owner = "claimer-" + claimer;
                    Callable<Claims.Kind> attempt = () -> {
                        start.await();
                        return claims.claim(pk, 7, Condition.of("attribute_not_exists(#v) OR #v < :version")
                                .name("#v", "version").value(":version", 7L), Map.of(), owner, now, now.plusSeconds(60)).kind();
                    };
                    outcomes.add(pool.submit(attempt));
                }
                start.countDown();
                int won = 0;
                for (Future<Claims.Kind> outcome : outcomes) {
                    Claims.Kind kind = outcome.get();
                    won += kind == Claims.Kind.CLAIMED ? 1 : 0;
                    assertTrue(kind == Claims.Kind.CLAIMED || kind == Claims.Kind.BUSY, "a loser sees the live claim: " + kind);
                }
                assertEquals(1, won, "round " + round + ": exactly one claimer wins");
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aNewerChangeMeetingAClaimThatEndsBeforeItsReReadClaimsTheItemInsteadOfBeingDroppedAsStale() {
        String pk = "MAP#sku#interleaved";
        Instant now = world.clock.instant();
        Condition newer = Condition.of("attribute_not_exists(#v) OR #v < :version").name("#v", "version");
        Claims holder = new Claims(world.table);
        assertEquals(Claims.Kind.CLAIMED, holder.claim(pk, 5, newer.value(":version", 5L), Map.of(), "older", now, now.plusSeconds(60)).kind());
        // The newer change's write fails on the live claim; before it re-reads, the holder finishes with version 5.
        Claims racing = new Claims(world.table, () -> holder.finish(pk, "older",
                Map.of("version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("5")), Map.of(), List.of()));
        Claims.Claim claim = racing.claim(pk, 7, Condition.of("attribute_not_exists(#v) OR #v < :version").name("#v", "version")
                .value(":version", 7L), Map.of(), "newer", now, now.plusSeconds(60));
        assertEquals(Claims.Kind.CLAIMED, claim.kind(), "version 7 is newer than the 5 just written: it must be applied");
        assertEquals(7, claim.item().number("claimVersion").orElseThrow());

        // A change that really is older is still STALE once the item is free.
        holder.finish(pk, "newer", Map.of("version", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromN("7")), Map.of(), List.of());
        assertEquals(Claims.Kind.STALE, holder.claim(pk, 6, Condition.of("attribute_not_exists(#v) OR #v < :version").name("#v", "version")
                .value(":version", 6L), Map.of(), "late", now, now.plusSeconds(60)).kind());
    }
}
