package com.winthorvd.shared.queue;

/**
 * A message to send. Group and deduplication ids are for FIFO queues and must be null on standard ones.
 */
public record OutgoingMessage(String body, String groupId, String deduplicationId) {

    public static OutgoingMessage standard(String body) {
        return new OutgoingMessage(body, null, null);
    }

    public static OutgoingMessage fifo(String body, String groupId, String deduplicationId) {
        return new OutgoingMessage(body, groupId, deduplicationId);
    }
}
