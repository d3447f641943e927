package com.winthorvd.testkit.sim;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.LongSupplier;

/**
 * The store's rate limits per endpoint group, for every caller together, as VTEX describes its Pricing limiter: a rate
 * per second and a number of burst credits; calls above the rate spend credits, a call finding none is refused (429),
 * and idle time refills them at the rate. Every answer of a limited group carries Ratelimit-Limit (the credits),
 * Ratelimit-Remaining (credits left) and Ratelimit-Reset (seconds until they are full again); a 429 also carries
 * Retry-After (seconds until one call is allowed).
 */
final class StoreRateLimiter {
    /** VTEX's published Pricing limit for insert and update routes: 40 per second per account, 1 000 burst credits. */
    static final Map<String, Limit> PUBLISHED = Map.of("pricing-write", new Limit(40, 1000));

    /** A group's rate and burst credits. */
    record Limit(double perSecond, double burstCredits) {
    }

    /** What the limiter says of one call: allowed or not, and the headers that go with the answer. */
    record Verdict(boolean allowed, Map<String, String> headers) {
        static final Verdict UNLIMITED = new Verdict(true, Map.of());
    }

    private final LongSupplier nanoTime;
    private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> refused = new ConcurrentHashMap<>();

    StoreRateLimiter(LongSupplier nanoTime) {
        this.nanoTime = nanoTime;
    }

    /** Sets a group's limit (credits full); null removes it. */
    void set(String group, Limit limit) {
        if (limit == null) {
            buckets.remove(group);
        } else {
            buckets.put(group, new Bucket(limit, nanoTime.getAsLong()));
        }
    }

    void clear() {
        buckets.clear();
    }

    Map<String, Limit> limits() {
        Map<String, Limit> out = new LinkedHashMap<>();
        buckets.forEach((group, bucket) -> out.put(group, bucket.limit));
        return out;
    }

    /** Takes one call of the group. */
    Verdict take(String group) {
        Bucket bucket = buckets.get(group);
        if (bucket == null) {
            return Verdict.UNLIMITED;
        }
        synchronized (bucket) {
            long now = nanoTime.getAsLong();
            bucket.refill(now);
            boolean allowed = bucket.credits >= 1;
            if (allowed) {
                bucket.credits -= 1;
            } else {
                refused.computeIfAbsent(group, g -> new AtomicInteger()).incrementAndGet();
            }
            Map<String, String> headers = new LinkedHashMap<>();
            headers.put("Ratelimit-Limit", Long.toString((long) bucket.limit.burstCredits()));
            headers.put("Ratelimit-Remaining", Long.toString((long) Math.floor(bucket.credits)));
            headers.put("Ratelimit-Reset", Long.toString((long) Math.ceil((bucket.limit.burstCredits() - bucket.credits) / bucket.limit.perSecond())));
            if (!allowed) {
                headers.put("Retry-After", Long.toString(Math.max(1, (long) Math.ceil((1 - bucket.credits) / bucket.limit.perSecond()))));
            }
            return new Verdict(allowed, headers);
        }
    }

    /** Calls refused with 429 per group, since the start. */
    Map<String, Integer> refused() {
        Map<String, Integer> out = new LinkedHashMap<>();
        refused.forEach((group, count) -> out.put(group, count.get()));
        return out;
    }

    private static final class Bucket {
        final Limit limit;
        double credits;
        long last;

        Bucket(Limit limit, long now) {
            this.limit = limit;
            this.credits = limit.burstCredits();
            this.last = now;
        }

        void refill(long now) {
            credits = Math.min(limit.burstCredits(), credits + (now - last) / 1e9 * limit.perSecond());
            last = now;
        }
    }
}
