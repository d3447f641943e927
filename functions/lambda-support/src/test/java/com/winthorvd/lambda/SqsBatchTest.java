package com.winthorvd.lambda;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.QueueMessage;
import com.winthorvd.shared.queue.RetryBackoff;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SqsBatchTest {

    private static SQSEvent.SQSMessage record(String id, String group, String receiveCount) {
        SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
        record.setMessageId(id);
        record.setReceiptHandle("rh-" + id);
        record.setBody("body-" + id);
        record.setEventSourceArn("arn:aws:sqs:us-east-1:000000000000:orders.fifo");
        record.setAttributes(Map.of("MessageGroupId", group, "ApproximateReceiveCount", receiveCount));
        return record;
    }

    @Test
    void turnsLambdaRecordsIntoQueueMessagesAndFailuresIntoTheBatchResponse() {
        SQSEvent event = new SQSEvent();
        event.setRecords(List.of(record("1", "A", "3"), record("2", "A", "1"), record("3", "B", "1")));
        List<QueueMessage> seen = new ArrayList<>();
        SqsBatch batch = new SqsBatch(new BatchProcessor((arn, receipt, visibility) -> { }, RetryBackoff.DEFAULT,
                new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())), (message, reason) -> { }));
        SQSBatchResponse response = batch.handle(event, null, message -> {
            seen.add(message);
            if (message.messageId().equals("1")) {
                throw new IllegalStateException("fails");
            }
        });
        assertEquals(List.of("1", "2"), response.getBatchItemFailures().stream()
                .map(SQSBatchResponse.BatchItemFailure::getItemIdentifier).toList());
        assertEquals(new QueueMessage("1", "rh-1", "body-1", "arn:aws:sqs:us-east-1:000000000000:orders.fifo", "A", 3), seen.get(0));
        assertEquals(List.of("1", "3"), seen.stream().map(QueueMessage::messageId).toList());
    }

    @Test
    void anEmptyEventIsAnEmptyResponse() {
        SqsBatch batch = new SqsBatch(new BatchProcessor((arn, receipt, visibility) -> { }, RetryBackoff.DEFAULT,
                new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())), (message, reason) -> { }));
        assertEquals(0, batch.handle(new SQSEvent(), null, message -> { }).getBatchItemFailures().size());
    }
}
