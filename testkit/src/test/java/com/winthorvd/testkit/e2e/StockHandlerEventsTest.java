package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The stock handlers fed the sample events of events/. */
class StockHandlerEventsTest extends WorldTest {

    @BeforeEach
    void start() {
        world = TestAws.world(20, Map.of());
    }

    @ParameterizedTest
    @Event(value = "../events/stock-apply-batch.json", type = SQSEvent.class)
    void anInventoryTheStoreAnswers404IsASetUpFailureKeptForARetryWithItsReasonAndNothingPublished(SQSEvent event) {
        SQSBatchResponse response = (SQSBatchResponse) world.runner.invoke(StockDriver.APPLY, event);
        assertEquals(event.getRecords().stream().map(SQSEvent.SQSMessage::getMessageId).toList(),
                response.getBatchItemFailures().stream().map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList(),
                "a missing warehouse (or SKU) in the store is fixed there: the value waits, it is not dropped");
        var item = world.table.get(Keys.stock("7891000100011-1001", "1"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
        assertEquals("FAILED", item.string("status").orElseThrow());
        assertEquals("STOCK_WAREHOUSE_MISSING", item.string("reason").orElseThrow());
        assertEquals(12, item.number("attemptedQuantity").orElseThrow());
        assertTrue(item.number("quantity").isEmpty(), "nothing is recorded as published");
    }

    @Test
    void aMalformedStockMessageGoesToTheDeadLetterQueueAtOnceWithItsReason() {
        world.deployment.aws().sqs().sendMessage(b -> b.queueUrl(world.deployment.queueUrl("StockQueue"))
                .messageBody("{\"sku\":\"7891000100011-1001\",\"branch\":\"1\"}"));
        world.runner.drain(StockDriver.APPLY, java.time.Duration.ofSeconds(30));
        var dead = world.deployment.aws().sqs().receiveMessage(b -> b.queueUrl(world.deployment.queueUrl("StockDeadLetterQueue"))
                .messageAttributeNames("All").waitTimeSeconds(1)).messages();
        assertEquals(1, dead.size());
        assertEquals("stock message without \"warehouse\"", // put there by the consumer at once, not by SQS after ten receives
                dead.get(0).messageAttributes().get(com.winthorvd.shared.queue.DeadLetters.REASON_ATTRIBUTE).stringValue());
        assertEquals("{\"sku\":\"7891000100011-1001\",\"branch\":\"1\"}", dead.get(0).body(), "the body as sent, so a redrive works");
    }

    @ParameterizedTest
    @Event(value = "../events/stock-scan-scheduled.json", type = ScheduledInput.class)
    void beforeTheCatalogEveryStockRowIsCountedAsNotInTheStore(ScheduledInput input) {
        Map<?, ?> result = (Map<?, ?>) world.runner.invoke(StockDriver.SCAN, input);
        assertEquals("COMPLETED", result.get("status"));
        assertEquals((long) world.winthor.data().stock.size(), ((Map<?, ?>) result.get("counts")).get("stock.not_in_store"));
        assertEquals(0, world.runner.pending(StockDriver.APPLY));
    }
}
