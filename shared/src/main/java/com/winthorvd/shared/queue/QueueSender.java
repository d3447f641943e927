package com.winthorvd.shared.queue;

import com.winthorvd.shared.util.Sleeper;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.BatchResultErrorEntry;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * Sends messages with SendMessageBatch, ten at a time and within SQS's 256 KiB per call. A batch call can answer
 * 200 and still list failed entries: those whose fault is SQS's are retried with backoff; an entry refused for
 * its content (sender's fault) or still failing after the last attempt makes {@link #send} throw, naming them,
 * so the caller never advances a watermark over a message that was not queued.
 */
public final class QueueSender {
    static final int MAX_ENTRIES = 10;
    static final int MAX_BATCH_BYTES = 256 * 1024;
    static final int ATTEMPTS = 5;

    private final SqsClient sqs;
    private final Sleeper sleeper;
    private final LongAdder calls = new LongAdder();

    public QueueSender(SqsClient sqs, Sleeper sleeper) {
        this.sqs = sqs;
        this.sleeper = sleeper;
    }

    /** A sender on its own SQS client, for a scan function (built once per container). */
    public static QueueSender of(com.winthorvd.shared.aws.AwsClients aws) {
        return new QueueSender(aws.configure(SqsClient.builder(), com.winthorvd.shared.aws.AwsClients.ENDPOINT_SQS).build(), Sleeper.REAL);
    }

    public long calls() {
        return calls.sum();
    }

    public void send(String queueUrl, List<OutgoingMessage> messages) {
        for (List<OutgoingMessage> batch : batches(messages)) {
            sendBatch(queueUrl, batch);
        }
    }

    static List<List<OutgoingMessage>> batches(List<OutgoingMessage> messages) {
        List<List<OutgoingMessage>> out = new ArrayList<>();
        List<OutgoingMessage> current = new ArrayList<>();
        int bytes = 0;
        for (OutgoingMessage message : messages) {
            int size = message.body().getBytes(StandardCharsets.UTF_8).length;
            if (size > MAX_BATCH_BYTES) {
                throw new IllegalArgumentException("message of " + size + " bytes exceeds SQS's 256 KiB limit");
            }
            if (current.size() == MAX_ENTRIES || bytes + size > MAX_BATCH_BYTES) {
                out.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(message);
            bytes += size;
        }
        if (!current.isEmpty()) {
            out.add(current);
        }
        return out;
    }

    private void sendBatch(String queueUrl, List<OutgoingMessage> batch) {
        Map<String, SendMessageBatchRequestEntry> pending = new LinkedHashMap<>();
        for (int i = 0; i < batch.size(); i++) {
            OutgoingMessage m = batch.get(i);
            String id = Integer.toString(i);
            Map<String, MessageAttributeValue> attributes = new LinkedHashMap<>();
            m.attributes().forEach((name, value) -> attributes.put(name, MessageAttributeValue.builder().dataType("String")
                    .stringValue(value).build()));
            pending.put(id, SendMessageBatchRequestEntry.builder().id(id).messageBody(m.body())
                    .messageGroupId(m.groupId()).messageDeduplicationId(m.deduplicationId()).messageAttributes(attributes).build());
        }
        List<BatchResultErrorEntry> lastErrors = List.of();
        for (int attempt = 1; attempt <= ATTEMPTS && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                sleeper.pause(Duration.ofMillis(100L << (attempt - 2)));
            }
            calls.increment();
            List<SendMessageBatchRequestEntry> entries = List.copyOf(pending.values());
            SendMessageBatchResponse response = sqs.sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
            response.successful().forEach(ok -> pending.remove(ok.id()));
            lastErrors = response.failed();
            for (BatchResultErrorEntry error : lastErrors) {
                if (Boolean.TRUE.equals(error.senderFault())) {
                    throw new QueueSendException("SQS refused message " + error.id() + ": " + error.code()
                            + " " + error.message());
                }
            }
        }
        if (!pending.isEmpty()) {
            throw new QueueSendException(pending.size() + " message(s) not queued after " + ATTEMPTS
                    + " attempts; last errors: " + lastErrors.stream().map(e -> e.code() + " " + e.message()).toList());
        }
    }

    /** Some messages could not be queued; nothing after them should be considered done. */
    public static final class QueueSendException extends RuntimeException {
        public QueueSendException(String message) {
            super(message);
        }
    }
}
