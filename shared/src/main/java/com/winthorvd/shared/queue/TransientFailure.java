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
    private final String metric;

    public TransientFailure(String message, Throwable cause) {
        this(message, null, cause);
    }

    public TransientFailure(String message, Duration retryAfter, Throwable cause) {
        this(message, retryAfter, null, cause);
    }

    /** @param metric the metric (and alarm) this kind of failure raises each time, or null */
    public TransientFailure(String message, Duration retryAfter, String metric, Throwable cause) {
        super(message, cause);
        this.retryAfter = retryAfter;
        this.metric = metric;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    /** A failure someone must fix outside the data (a refused AppToken) names the metric its alarm watches. */
    public Optional<String> metric() {
        return Optional.ofNullable(metric);
    }
}
