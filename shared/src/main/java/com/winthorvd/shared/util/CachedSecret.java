package com.winthorvd.shared.util;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * A secret read on first use and kept for the container's life, read again when the remote side refuses it (a
 * rotated AppToken), but at most once per {@code minInterval}: a broken credential refused by a thousand calls costs
 * one Secrets Manager read per interval, not one per call.
 */
public final class CachedSecret implements Supplier<String> {
    private final Supplier<String> source;
    private final Clock clock;
    private final Duration minInterval;
    private String value;
    private Instant readAt;

    public CachedSecret(Supplier<String> source, Clock clock, Duration minInterval) {
        this.source = source;
        this.clock = clock;
        this.minInterval = minInterval;
    }

    /** A value that never changes (a local token from the environment). */
    public static CachedSecret fixed(String value) {
        return new CachedSecret(() -> value, Clock.systemUTC(), Duration.ofDays(3650));
    }

    @Override
    public synchronized String get() {
        if (value == null) {
            read();
        }
        return value;
    }

    /**
     * The secret again after {@code refused} was refused: read anew unless it was read within the interval or a newer
     * value than the refused one is already here. Returns the value to use now (possibly the refused one).
     */
    public synchronized String reread(String refused) {
        if (value == null || !value.equals(refused)) {
            return get();
        }
        if (Duration.between(readAt, clock.instant()).compareTo(minInterval) >= 0) {
            read();
        }
        return value;
    }

    private void read() {
        value = source.get();
        readAt = clock.instant();
    }
}
