package com.winthorvd.shared.queue;

import java.util.function.Function;

/**
 * A message that can never be handled as it is (unparsable JSON, a missing or invalid field): retrying it changes
 * nothing, so it goes to its dead-letter queue at once with this reason instead of being received again and again.
 */
public final class MalformedMessage extends RuntimeException {
    public MalformedMessage(String reason, Throwable cause) {
        super(reason, cause);
    }

    /** The body read by {@code parser}; whatever the parser throws becomes a MalformedMessage naming it. */
    public static <T> T read(String body, Function<String, T> parser) {
        try {
            return parser.apply(body);
        } catch (RuntimeException e) {
            throw new MalformedMessage(e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage(), e);
        }
    }
}
