package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.shared.catalog.CatalogScanService;
import com.winthorvd.shared.catalog.CatalogSettings;
import com.winthorvd.shared.catalog.ClassifierMode;
import com.winthorvd.shared.state.Item;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The catalog handlers fed the sample events of events/, as `sam local invoke` would feed them. */
class CatalogHandlerEventsTest extends WorldTest {

    @BeforeEach
    void start() {
        world = TestAws.world(20, Map.of());
    }

    @ParameterizedTest
    @Event(value = "../events/catalog-apply-batch.json", type = SQSEvent.class)
    void aProductBeforeItsParentsWaitsNamingTheParentAndAMalformedMessageGoesToTheDeadLetterQueue(SQSEvent event) {
        SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(CatalogDriver.APPLY, event);
        assertEquals(List.of(), response.getBatchItemFailures(),
                "the waiting product is recorded as waiting, not retried through the queue: its parent's outcome wakes it");
        var dead = world.deployment.aws().sqs().receiveMessage(b -> b.queueUrl(world.deployment.queueUrl("CatalogDeadLetterQueue"))
                .messageAttributeNames("All")).messages();
        assertEquals(List.of(event.getRecords().get(1).getBody()), dead.stream().map(m -> m.body()).toList(),
                "the malformed message goes to the DLQ at once, as it came");
        assertTrue(dead.get(0).messageAttributes().get(com.winthorvd.shared.queue.DeadLetters.REASON_ATTRIBUTE).stringValue()
                .startsWith("catalog message"), dead.get(0).messageAttributes().toString());
        Item waiting = CatalogDriver.state(world, "product", "1001");
        assertEquals("WAITING_PARENT", waiting.string("status").orElseThrow());
        assertEquals("WAITING_FOR_PARENT", waiting.string("reason").orElseThrow());
        assertEquals(List.of("produto", "1001", "departamento", "1"), waiting.list("params"));
        assertEquals("PARENT#department#1", waiting.string("gsi2pk").orElseThrow(), "found again when department 1 is decided");
        assertTrue(CatalogDriver.state(world, "department", "1").string("hasBlockedChildren").isPresent(),
                "department 1 knows a child waits on it");
        assertNull(CatalogDriver.state(world, "product", "1002"), "a malformed message changes nothing");
        assertEquals(0, world.store.totalRequests());
    }

    @ParameterizedTest
    @Event(value = "../events/catalog-scan-full.json", type = ScheduledInput.class)
    void theNightlyInputRunsAFullScan(ScheduledInput input) {
        assertTrue(input.full());
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(CatalogDriver.SCAN, input);
        assertEquals("COMPLETED", result.get("status"));
        assertEquals(true, result.get("full"));
        assertEquals((long) world.winthor.data().products.size(), ((Map<?, ?>) result.get("counts")).get("product.queued"));
    }

    @ParameterizedTest
    @Event(value = "../events/catalog-scan-incremental.json", type = ScheduledInput.class)
    void theQuarterHourInputRunsAnIncrementalScanThatSkipsWhileAnotherHoldsTheLease(ScheduledInput input) {
        assertEquals(false, input.full());
        world.table.put(Item.key("LEASE#catalog-sync", "#").with("owner", "someone-else")
                .with("until", world.clock.instant().plusSeconds(600).toEpochMilli()));
        Map<?, ?> skipped = (Map<?, ?>) world.runner.invoke(CatalogDriver.SCAN, input);
        assertEquals("SKIPPED", skipped.get("status"));
        world.clock.advance(java.time.Duration.ofMinutes(11));
        Map<?, ?> ran = (Map<?, ?>) world.runner.invoke(CatalogDriver.SCAN, input);
        assertEquals("COMPLETED", ran.get("status"), "an expired lease is taken over");
    }

    @ParameterizedTest
    @Event(value = "../events/catalog-scan-incremental.json", type = ScheduledInput.class)
    void aChangedClassifierModeStopsTheScanUntilAnExplicitReset(ScheduledInput input) {
        world.table.put(Item.key("CONFIG#catalog", "#").with("mode", "SC").with("source", "ERP").with("lockedAt", "2026-11-01T00:00:00Z"));
        IllegalStateException refused = org.junit.jupiter.api.Assertions.assertThrows(IllegalStateException.class,
                () -> world.runner.invoke(CatalogDriver.SCAN, input));
        assertTrue(refused.getMessage().contains("catalog reset --mode DSC"), refused.getMessage());
        assertEquals(0, world.runner.pending(CatalogDriver.APPLY), "nothing queued under a mapping that differs from the lock");

        CatalogScanService.reset(world.table, ClassifierMode.DSC, CatalogSettings.ClassificationSource.ERP, world.clock);
        Map<?, ?> ran = (Map<?, ?>) world.runner.invoke(CatalogDriver.SCAN, input);
        assertEquals("COMPLETED", ran.get("status"));
    }
}
