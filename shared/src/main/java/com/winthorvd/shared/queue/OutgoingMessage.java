package com.winthorvd.shared.queue;

import java.util.Map;

/**
 * A message to send. Group and deduplication ids are for FIFO queues and must be null on standard ones; attributes are
 * String message attributes (a dead letter's reason).
 */
public record OutgoingMessage(String body, String groupId, String deduplicationId, Map<String, String> attributes) {

    public static OutgoingMessage standard(String body) {
        return new OutgoingMessage(body, null, null, Map.of());
    }

    public static OutgoingMessage fifo(String body, String groupId, String deduplicationId) {
        return new OutgoingMessage(body, groupId, deduplicationId, Map.of());
    }

    public OutgoingMessage withAttributes(Map<String, String> added) {
        return new OutgoingMessage(body, groupId, deduplicationId, Map.copyOf(added));
    }
}
