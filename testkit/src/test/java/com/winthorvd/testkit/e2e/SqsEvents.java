package com.winthorvd.testkit.e2e;

import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Hand-made SQS events for invoking an apply handler directly (races and out-of-order deliveries). */
final class SqsEvents {
    private SqsEvents() {
    }

    static SQSEvent of(String queueArn, List<String> bodies) {
        List<SQSEvent.SQSMessage> records = new ArrayList<>();
        for (String body : bodies) {
            SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
            record.setMessageId("m-" + records.size() + "-" + Integer.toHexString(body.hashCode()));
            record.setReceiptHandle("handle-" + records.size());
            record.setBody(body);
            record.setEventSourceArn(queueArn);
            record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
            records.add(record);
        }
        SQSEvent event = new SQSEvent();
        event.setRecords(records);
        return event;
    }
}
