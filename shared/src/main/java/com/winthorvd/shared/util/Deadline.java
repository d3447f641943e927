package com.winthorvd.shared.util;

import java.time.Duration;
import java.util.function.Supplier;

/**
 * The time the current invocation has left, for the calls it makes. A handler runs its work {@link #within} Lambda's
 * time left (one invocation is one thread); the WinThor and store clients bound each call's timeout by it, and skip a
 * retry or an inline 429 wait that would not fit, so a call fails cleanly (and is retried later) instead of the
 * invocation being killed in the middle of it. Work handed to other threads carries it ({@link #carried}). Outside any
 * invocation (a CLI run, a test) nothing is bounded.
 */
public final class Deadline {
    /** Kept back from every call: time to record the outcome and answer Lambda. */
    public static final Duration MARGIN = Duration.ofSeconds(2);
    private static final ThreadLocal<Supplier<Duration>> CURRENT = new ThreadLocal<>();

    private Deadline() {
    }

    /** Runs {@code work} with {@code remaining} as the deadline of every call it makes on this thread. */
    public static <T> T within(Supplier<Duration> remaining, Supplier<T> work) {
        Supplier<Duration> outer = CURRENT.get();
        CURRENT.set(remaining);
        try {
            return work.get();
        } finally {
            if (outer == null) {
                CURRENT.remove();
            } else {
                CURRENT.set(outer);
            }
        }
    }

    /** {@code work} to run on another thread within this thread's deadline (unbounded where this thread is). */
    public static Runnable carried(Runnable work) {
        Supplier<Duration> remaining = CURRENT.get();
        return remaining == null ? work : () -> within(remaining, () -> {
            work.run();
            return null;
        });
    }

    /** What a call may still take: its own timeout, or the time left less the margin when that is shorter (zero: none). */
    public static Duration bound(Duration timeout) {
        Supplier<Duration> remaining = CURRENT.get();
        if (remaining == null) {
            return timeout;
        }
        Duration left = remaining.get().minus(MARGIN);
        return left.isNegative() ? Duration.ZERO : left.compareTo(timeout) < 0 ? left : timeout;
    }

    /** Whether waiting this long (a backoff, a Retry-After) and then making a call still fits. */
    public static boolean allows(Duration wait) {
        Supplier<Duration> remaining = CURRENT.get();
        return remaining == null || remaining.get().minus(MARGIN).compareTo(wait) > 0;
    }
}
