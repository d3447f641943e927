package com.winthorvd.lambda;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.BatchResult;
import com.winthorvd.shared.queue.MessageHandler;
import com.winthorvd.shared.queue.QueueMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns an {@link SQSEvent} into {@link QueueMessage}s for the shared {@link BatchProcessor}, and its result
 * into the {@link SQSBatchResponse} Lambda expects with ReportBatchItemFailures.
 */
public final class SqsBatch {
    private final BatchProcessor processor;

    public SqsBatch(BatchProcessor processor) {
        this.processor = processor;
    }

    /** @param context the invocation's, for its time left (null: no limit) */
    public SQSBatchResponse handle(SQSEvent event, com.amazonaws.services.lambda.runtime.Context context, MessageHandler handler) {
        BatchResult result;
        if (context == null) {
            result = processor.process(messages(event), handler);
        } else {
            java.util.function.Supplier<java.time.Duration> remaining = () -> java.time.Duration.ofMillis(context.getRemainingTimeInMillis());
            // The batch stops short of the end, and every call in it is bounded by the same time left.
            result = com.winthorvd.shared.util.Deadline.within(remaining, () -> processor.process(messages(event), handler, remaining));
        }
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (String id : result.failedMessageIds()) {
            failures.add(new SQSBatchResponse.BatchItemFailure(id));
        }
        return new SQSBatchResponse(failures);
    }

    static List<QueueMessage> messages(SQSEvent event) {
        List<QueueMessage> out = new ArrayList<>();
        if (event == null || event.getRecords() == null) {
            return out;
        }
        for (SQSEvent.SQSMessage record : event.getRecords()) {
            Map<String, String> attributes = record.getAttributes() == null ? Map.of() : record.getAttributes();
            out.add(new QueueMessage(record.getMessageId(), record.getReceiptHandle(), record.getBody(),
                    record.getEventSourceArn(), attributes.get("MessageGroupId"),
                    parseCount(attributes.get("ApproximateReceiveCount"))));
        }
        return out;
    }

    private static int parseCount(String value) {
        try {
            return value == null ? 1 : Integer.parseInt(value);
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
