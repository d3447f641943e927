package com.winthorvd.shared.store;

import java.time.Duration;
import java.util.Optional;

/**
 * A store call failed. {@link #isTransient()}: 429, 5xx, timeouts and resets can succeed later; any other 4xx
 * names something to fix and is never retried. {@link #outcomeUnknown()}: a create that failed in a way that may
 * have happened anyway (timeout, reset, 5xx) — the caller must look the record up before trying again.
 */
public class StoreException extends RuntimeException {
    private final String operation;
    private final int status;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;

    public StoreException(String operation, int status, String message, Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        super(operation + ": " + (status > 0 ? "HTTP " + status + ": " : "") + message, cause);
        this.operation = operation;
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
    }

    public String operation() {
        return operation;
    }

    /** The HTTP status, or 0 when no answer came. */
    public int status() {
        return status;
    }

    public Optional<Duration> retryAfter() {
        return Optional.ofNullable(retryAfter);
    }

    public boolean isTransient() {
        return status == 0 || status == 429 || status >= 500;
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
