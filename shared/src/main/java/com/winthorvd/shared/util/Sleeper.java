package com.winthorvd.shared.util;

import java.time.Duration;

/** Waiting between retries, injected so tests never really wait for a backoff. */
@FunctionalInterface
public interface Sleeper {
    void sleep(Duration duration) throws InterruptedException;

    Sleeper REAL = duration -> Thread.sleep(duration.toMillis());

    /** Sleeps, turning an interrupt into an unchecked exception with the flag kept. */
    default void pause(Duration duration) {
        try {
            sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to retry", e);
        }
    }
}
