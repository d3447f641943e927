package com.winthorvd.shared.queue;

import java.util.List;
import java.util.Map;

/** Where a consumer puts a message it can never handle: its queue's DLQ, body unchanged (a redrive sends it back). */
public interface DeadLetters {
    /** The attribute that carries why the message was dead-lettered. */
    String REASON_ATTRIBUTE = "winthor-vd-reason";

    void send(QueueMessage message, String reason);

    /** No DLQ to send to (a function that consumes no queue): a malformed message is kept and comes back. */
    DeadLetters NONE = (message, reason) -> {
        throw new IllegalStateException("no DEAD_LETTER_QUEUE_URL configured");
    };

    /** The DLQ at {@code url} (FIFO when the source is: same group, the message id as deduplication id). */
    static DeadLetters sqs(QueueSender sender, String url) {
        return (message, reason) -> {
            OutgoingMessage out = message.fromFifoQueue()
                    ? OutgoingMessage.fifo(message.body(), message.messageGroupId(), message.messageId())
                    : OutgoingMessage.standard(message.body());
            sender.send(url, List.of(out.withAttributes(Map.of(REASON_ATTRIBUTE, reason.length() > 250 ? reason.substring(0, 250) : reason))));
        };
    }
}
