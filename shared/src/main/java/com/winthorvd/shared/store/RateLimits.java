package com.winthorvd.shared.store;

import com.winthorvd.shared.util.Sleeper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per endpoint group, so the client stays under the store's published limits instead of meeting
 * 429s (pricing writes: about 2 000 a minute, 33/s). One instance per container; {@link #acquire} waits for a
 * token. The time source and the waiting are injected for tests.
 */
public final class RateLimits {
    /** The endpoint groups and their default rates per second. */
    public enum Group {
        CATALOG(40), LOGISTICS(50), PRICING_READ(80), PRICING_WRITE(33), MASTER_DATA(40), ORDERS(40);

        final double defaultPerSecond;

        Group(double defaultPerSecond) {
            this.defaultPerSecond = defaultPerSecond;
        }
    }

    private final Map<Group, Bucket> buckets = new EnumMap<>(Group.class);
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;

    public RateLimits(Map<Group, Double> perSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        for (Group group : Group.values()) {
            double rate = perSecond.getOrDefault(group, group.defaultPerSecond);
            buckets.put(group, new Bucket(rate, Math.max(1, rate), nanoTime.getAsLong()));
        }
    }

    public static RateLimits defaults() {
        return new RateLimits(Map.of(), System::nanoTime, Sleeper.REAL);
    }

    /** Takes one token of the group, waiting as long as the bucket needs to refill. */
    public void acquire(Group group) {
        Bucket bucket = buckets.get(group);
        while (true) {
            long wait;
            synchronized (bucket) {
                bucket.refill(nanoTime.getAsLong());
                if (bucket.tokens >= 1) {
                    bucket.tokens -= 1;
                    return;
                }
                wait = (long) Math.ceil((1 - bucket.tokens) / bucket.perNano);
            }
            sleeper.pause(Duration.ofNanos(Math.max(wait, 1_000_000)));
        }
    }

    private static final class Bucket {
        final double perNano;
        final double capacity;
        double tokens;
        long last;

        Bucket(double perSecond, double capacity, long now) {
            this.perNano = perSecond / 1e9;
            this.capacity = capacity;
            this.tokens = capacity;
            this.last = now;
        }

        void refill(long now) {
            tokens = Math.min(capacity, tokens + (now - last) * perNano);
            last = now;
        }
    }
}
