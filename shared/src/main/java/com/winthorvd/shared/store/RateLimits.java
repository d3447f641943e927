package com.winthorvd.shared.store;

import com.winthorvd.shared.util.Sleeper;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.function.LongSupplier;

/**
 * A token bucket per endpoint group, so the client stays under the store's published limits instead of meeting
 * 429s (pricing writes: about 2 000 a minute, 33/s). One instance per container; {@link #acquire} waits for a
 * token. The rates come from STORE_RATE_LIMITS (the template's StoreRateLimits), the defaults below where a group is
 * not named. The time source and the waiting are injected for tests.
 */
public final class RateLimits {
    /** The endpoint groups and their default rates per second. */
    public enum Group {
        CATALOG(40), LOGISTICS(50), PRICING_READ(80), PRICING_WRITE(33), MASTER_DATA(40), ORDERS(40);

        final double defaultPerSecond;

        Group(double defaultPerSecond) {
            this.defaultPerSecond = defaultPerSecond;
        }

        /** The group's name in STORE_RATE_LIMITS: {@code pricing-write} for PRICING_WRITE. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
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

    /** Rates per group from {@code catalog=40,pricing-write=33}; an unknown group or a rate that is not positive is refused. */
    public static Map<Group, Double> parse(Map<String, String> pairs) {
        Map<Group, Double> out = new EnumMap<>(Group.class);
        for (Map.Entry<String, String> pair : pairs.entrySet()) {
            Group group = java.util.Arrays.stream(Group.values()).filter(g -> g.configName().equals(pair.getKey()))
                    .findFirst().orElseThrow(() -> new IllegalArgumentException("'" + pair.getKey()
                            + "' is not a store endpoint group (" + java.util.Arrays.stream(Group.values())
                            .map(Group::configName).collect(java.util.stream.Collectors.joining(", ")) + ")"));
            double rate;
            try {
                rate = Double.parseDouble(pair.getValue());
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(pair.getKey() + "=" + pair.getValue() + " is not a number of calls per second");
            }
            if (!(rate > 0) || Double.isInfinite(rate)) {
                throw new IllegalArgumentException(pair.getKey() + "=" + pair.getValue() + " must be a positive number of calls per second");
            }
            out.put(group, rate);
        }
        return out;
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
