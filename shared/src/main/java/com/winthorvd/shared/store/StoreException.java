package com.winthorvd.shared.store;

import com.winthorvd.shared.queue.TransientFailure;
import java.time.Duration;
import java.util.Optional;

/**
 * A store call failed. {@link #isTransient()}: 423 (VTEX's lock on an inventory updated a moment ago), 429, 5xx,
 * timeouts and resets can succeed later, and so can a {@link #setupFailure()} (401, and 403 but on an order's state
 * change: the AppKey/AppToken; 404 of a warehouse: the store's set-up), which is fixed outside the data and must never
 * be recorded as the record's own refusal. Any other 4xx names something to fix in
 * the record and is not retried. {@link #outcomeUnknown()}: a create that failed in a way that may have happened
 * anyway (timeout, reset, 5xx) — the caller must look the record up before trying again.
 */
public class StoreException extends RuntimeException {
    private final String operation;
    private final int status;
    private final Duration retryAfter;
    private final boolean outcomeUnknown;
    private final Setup setup;

    /** Whether the refusal is of the integration's set-up rather than of the record. */
    public enum Setup {
        /** The record's own refusal (or no refusal at all). */
        NONE,
        /** The AppKey/AppToken were refused. */
        AUTH,
        /** Something the store's owner sets up (a warehouse) does not exist. */
        MISSING
    }

    /** A failure whose set-up kind follows from the status alone: 401 and 403 are the credentials. */
    public StoreException(String operation, int status, String message, Duration retryAfter, boolean outcomeUnknown, Throwable cause) {
        this(operation, status, message, retryAfter, outcomeUnknown, cause, status == 401 || status == 403 ? Setup.AUTH : Setup.NONE);
    }

    public StoreException(String operation, int status, String message, Duration retryAfter, boolean outcomeUnknown, Throwable cause,
                          Setup setup) {
        super(operation + ": " + (status > 0 ? "HTTP " + status + ": " : "") + message, cause);
        this.operation = operation;
        this.status = status;
        this.retryAfter = retryAfter;
        this.outcomeUnknown = outcomeUnknown;
        this.setup = setup;
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
        return status == 0 || status == 423 || status == 429 || status >= 500 || setupFailure();
    }

    /** The AppKey/AppToken were refused. */
    public boolean authFailure() {
        return setup == Setup.AUTH;
    }

    /** Refused for the integration's set-up, not the record: an auth failure or a missing warehouse. */
    public boolean setupFailure() {
        return setup != Setup.NONE;
    }

    /** The metric an alarm watches for a set-up failure: StoreAuthFailed or StoreConfigFailed. */
    public String setupMetric() {
        return authFailure() ? "StoreAuthFailed" : "StoreConfigFailed";
    }

    /** This failure as a backed-off retry of the message (with the store's Retry-After, and the set-up metric). */
    public TransientFailure retryLater() {
        return new TransientFailure("store: " + getMessage(), retryAfter, setupFailure() ? setupMetric() : null, this);
    }

    public boolean outcomeUnknown() {
        return outcomeUnknown;
    }
}
