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
    private final BatchProcessor processor = new BatchProcessor(
            (arn, receipt, visibility) -> visibilityChanges.put(receipt, visibility), RetryBackoff.DEFAULT,
            new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())));

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
        }, RetryBackoff.DEFAULT, new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())));
        BatchResult result = broken.process(List.of(standard("x", 1)), message -> {
            throw new TransientFailure("down", null);
        });
        assertEquals(List.of("x"), result.failedMessageIds());
    }
}
