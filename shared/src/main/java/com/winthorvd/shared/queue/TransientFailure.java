package com.winthorvd.shared.queue;

import java.time.Duration;
import java.util.Optional;

/**
 * The message could not be handled now but will be later (ERP down, timeout, store 429): it goes back to the
 * queue with a backed-off visibility instead of being retried at once. {@code retryAfter} is the wait the remote
 * side asked for, when it asked.
 */
public class TransientFailure extends RuntimeException {
    private final Duration retryAfter;

    public TransientFailure(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TransientFailure(String message, Duration retryAfter, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }
}
