package com.winthorvd.shared.queue;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.winthorvd.shared.log.JsonLog;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

class BatchProcessorTest {
    private final Map<String, Duration> visibilityChanges = new LinkedHashMap<>();
    private final List<String> handled = new ArrayList<>();
    private final Map<String, String> deadLettered = new LinkedHashMap<>();
    private final BatchProcessor processor = new BatchProcessor(
            (arn, receipt, visibility) -> visibilityChanges.put(receipt, visibility), RetryBackoff.DEFAULT,
            new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
            (message, reason) -> deadLettered.put(message.messageId(), reason));

    private static QueueMessage standard(String id, int receiveCount) {
        return new QueueMessage(id, "rh-" + id, id, "arn:aws:sqs:us-east-1:000000000000:catalog", null, receiveCount);
    }

    private static QueueMessage fifo(String id, String group) {
        return new QueueMessage(id, "rh-" + id, id, "arn:aws:sqs:us-east-1:000000000000:orders.fifo", group, 1);
    }

    private MessageHandler failing(Set<String> ids) {
        return message -> {
            handled.add(message.messageId());
            if (ids.contains(message.messageId())) {
                throw new IllegalStateException("boom " + message.messageId());
            }
        };
    }

    @Test
    void standardQueueReportsOnlyTheFailedMessages() {
        BatchResult result = processor.process(List.of(standard("a", 1), standard("b", 1), standard("c", 1)),
                failing(Set.of("b")));
        assertEquals(List.of("b"), result.failedMessageIds());
        assertEquals(List.of("a", "b", "c"), handled);
        assertEquals(2, result.succeeded());
    }

    @Test
    void fifoQueueFailsEveryLaterMessageOfTheFailedGroupOnly() {
        List<QueueMessage> batch = List.of(fifo("1", "A"), fifo("2", "B"), fifo("3", "A"), fifo("4", "B"), fifo("5", "A"));
        BatchResult result = processor.process(batch, failing(Set.of("1")));
        assertEquals(List.of("1", "3", "5"), result.failedMessageIds());
        assertEquals(List.of("1", "2", "4"), handled, "later messages of group A are not handled");
        assertEquals(2, result.skipped());
    }

    @Test
    void transientFailuresBackOffThirtySecondsDoublingToFifteenMinutes() {
        MessageHandler down = message -> {
            throw new TransientFailure("WinThor 503", null);
        };
        processor.process(List.of(standard("r1", 1), standard("r2", 2), standard("r3", 5), standard("r9", 9)), down);
        assertEquals(Duration.ofSeconds(30), visibilityChanges.get("rh-r1"));
        assertEquals(Duration.ofSeconds(60), visibilityChanges.get("rh-r2"));
        assertEquals(Duration.ofSeconds(480), visibilityChanges.get("rh-r3"));
        assertEquals(Duration.ofMinutes(15), visibilityChanges.get("rh-r9"));
    }

    @Test
    void aRetryAfterLongerThanTheBackoffWins() {
        processor.process(List.of(standard("x", 1)), message -> {
            throw new TransientFailure("429", Duration.ofSeconds(120), null);
        });
        assertEquals(Duration.ofSeconds(120), visibilityChanges.get("rh-x"));
    }

    @Test
    void aFailedVisibilityChangeStillReportsTheMessage() {
        BatchProcessor broken = new BatchProcessor((arn, receipt, visibility) -> {
            throw new IllegalStateException("SQS down");
        }, RetryBackoff.DEFAULT, new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
                (message, reason) -> {
                    throw new IllegalStateException("SQS down");
                });
        BatchResult result = broken.process(List.of(standard("x", 1)), message -> {
            throw new TransientFailure("down", null);
        });
        assertEquals(List.of("x"), result.failedMessageIds());
    }

    @Test
    void aRefusedAppTokenIsRetriedAsAStoreAuthFailedMetricWithNoTokenInTheLine() {
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        BatchProcessor watched = new BatchProcessor((arn, receipt, visibility) -> visibilityChanges.put(receipt, visibility),
                RetryBackoff.DEFAULT, new JsonLog("stock-apply", null, Clock.systemUTC(), new PrintStream(out, true)), (message, reason) -> { });
        BatchResult result = watched.process(List.of(standard("x", 1)), message -> {
            throw new com.winthorvd.shared.store.StoreException("inventory of SKU 7", 401,
                    "Unauthorized: invalid X-VTEX-API-AppKey or X-VTEX-API-AppToken", null, false, null).retryLater();
        });
        assertEquals(List.of("x"), result.failedMessageIds());
        assertEquals(Duration.ofSeconds(30), visibilityChanges.get("rh-x"), "backed off like any retry");
        com.fasterxml.jackson.databind.JsonNode line = com.winthorvd.shared.json.Json.read(out.toString().trim());
        assertEquals(1, line.path("StoreAuthFailed").asInt(), line.toString());
        assertEquals("StoreAuthFailed", line.path("_aws").path("CloudWatchMetrics").get(0).path("Metrics").get(0).path("Name").asText());
        assertEquals("stock-apply", line.path("Flow").asText());
    }

    @Test
    void aMalformedMessageGoesToTheDeadLetterQueueAtOnceWithItsReasonAndTheRestOfItsGroupGoesOn() {
        MessageHandler parsing = message -> {
            handled.add(message.messageId());
            MalformedMessage.read(message.body(), com.winthorvd.shared.order.OrderChange::parse);
        };
        List<QueueMessage> batch = List.of(
                new QueueMessage("1", "rh-1", "{\"orderId\": \"A\"", "arn:aws:sqs:us-east-1:000000000000:orders.fifo", "A", 1),
                new QueueMessage("2", "rh-2", "{\"orderId\":\"A\",\"state\":\"canceled\"}", "arn:aws:sqs:us-east-1:000000000000:orders.fifo", "A", 1),
                new QueueMessage("3", "rh-3", "{\"orderId\":\"A\",\"state\":\"canceled\",\"lastChange\":\"2026-11-30T12:00:00Z\"}",
                        "arn:aws:sqs:us-east-1:000000000000:orders.fifo", "A", 1));
        BatchResult result = processor.process(batch, parsing);
        assertEquals(List.of(), result.failedMessageIds(), "nothing comes back to be received again");
        assertEquals(2, result.deadLettered());
        assertEquals(List.of("1", "2", "3"), handled, "a dead-lettered message does not hold its group back");
        org.junit.jupiter.api.Assertions.assertTrue(deadLettered.get("1").startsWith("malformed JSON"), deadLettered.get("1"));
        assertEquals("order message without \"lastChange\"", deadLettered.get("2"));
    }

    @Test
    void aMalformedMessageTheDeadLetterQueueCannotTakeIsKeptForARetry() {
        BatchProcessor noDlq = new BatchProcessor((arn, receipt, visibility) -> { }, RetryBackoff.DEFAULT,
                new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())), (message, reason) -> {
                    throw new IllegalStateException("SQS down");
                });
        BatchResult result = noDlq.process(List.of(standard("x", 1)), message -> MalformedMessage.read("{", com.winthorvd.shared.stock.StockMessage::parse));
        assertEquals(List.of("x"), result.failedMessageIds());
    }

    @Test
    void aBatchShortOfTimeLeavesWhatWouldNotFitUnhandledAndBackSoonNotKilledMidCall() {
        // 12 s left, each message takes 4 s: after two, 4 s is under the reserve (3 s) plus the longest message (4 s).
        java.util.concurrent.atomic.AtomicInteger done = new java.util.concurrent.atomic.AtomicInteger();
        MessageHandler fourSeconds = message -> {
            handled.add(message.messageId());
            done.incrementAndGet();
        };
        BatchResult result = processor.process(List.of(standard("m1", 1), standard("m2", 1), standard("m3", 1), standard("m4", 1)),
                fourSeconds, () -> Duration.ofSeconds(12 - 4L * done.get()));
        assertEquals(List.of("m1", "m2"), handled);
        assertEquals(List.of("m3", "m4"), result.failedMessageIds());
        assertEquals(2, result.succeeded());
        assertEquals(2, result.skipped());
        assertEquals(Map.of("rh-m3", Duration.ofSeconds(1), "rh-m4", Duration.ofSeconds(1)), visibilityChanges,
                "they come back within a second, not after the visibility timeout");
    }
}
