package com.winthorvd.shared.store;

import com.winthorvd.shared.util.Sleeper;
import java.net.http.HttpHeaders;
import java.time.Duration;
import java.util.EnumMap;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.LongSupplier;

/**
 * A token bucket per endpoint group, so the client stays under the store's limits instead of meeting 429s. The
 * limits are the store account's (STORE_RATE_LIMITS, the template's StoreRateLimits; the defaults below where a group
 * is not named), shared by every container of the function that may call the store at once (STORE_RATE_SHARED_BY, the
 * event source's MaximumConcurrency): each container paces itself to its share. What the store says of its budget
 * narrows that further: a 429's Retry-After stops the whole group in this container ({@link #hold}), burst credits
 * running out (Ratelimit-Remaining) take this container's own burst away, and the credits' refill (Ratelimit-Reset)
 * shows the account's real rate, which this container's pace never exceeds its share of ({@link #observe}). One
 * instance per container; {@link #acquire} waits for a token. The time source and the waiting are injected for tests.
 */
public final class RateLimits {
    /** The endpoint groups and the account's default rates per second. */
    public enum Group {
        // Pricing writes are VTEX's published limit (40/s per account, 1 000 burst credits); GETs are not limited there,
        // so 80 is only our own restraint. The other groups have no published figure: these are cautious guesses.
        CATALOG(40, false), LOGISTICS(50, false), PRICING_READ(80, true), PRICING_WRITE(40, true), MASTER_DATA(40, false),
        ORDERS(40, false);

        final double defaultPerSecond;
        /**
         * Whether VTEX documents the group's Ratelimit headers as burst credits refilling at the account's rate (Pricing
         * v2). Elsewhere their meaning is not published, and under the other common one (a quota per fixed window,
         * Reset = seconds until the window ends) the refill would misread a compliant pace as a slow account.
         */
        final boolean creditsDocumented;

        Group(double defaultPerSecond, boolean creditsDocumented) {
            this.defaultPerSecond = defaultPerSecond;
            this.creditsDocumented = creditsDocumented;
        }

        /** The group's name in STORE_RATE_LIMITS: {@code pricing-write} for PRICING_WRITE. */
        public String configName() {
            return name().toLowerCase(java.util.Locale.ROOT).replace('_', '-');
        }
    }

    /** The shortest Ratelimit-Reset the account's rate is read from: a shorter one is too coarse, in whole seconds. */
    static final int MIN_RESET_SECONDS = 5;

    private final Map<Group, Bucket> buckets = new EnumMap<>(Group.class);
    private final int sharedBy;
    private final LongSupplier nanoTime;
    private final Sleeper sleeper;
    private final Map<Group, Double> configuredPerSecond = new EnumMap<>(Group.class);
    private volatile Slowdown slowdown = (group, configured, account) -> { };

    /** Told when the store's refill first slows a group below its configured rate, so the setting can be fixed. */
    @FunctionalInterface
    public interface Slowdown {
        /** @param configuredPerSecond the account's rate as StoreRateLimits gives it; accountPerSecond as the store's refill shows it */
        void slowed(Group group, double configuredPerSecond, double accountPerSecond);
    }

    /**
     * @param accountPerSecond the store account's limits per group (the defaults for a group left out)
     * @param sharedBy how many containers share them at most: this one paces itself to 1/sharedBy of each
     */
    public RateLimits(Map<Group, Double> accountPerSecond, int sharedBy, LongSupplier nanoTime, Sleeper sleeper) {
        if (sharedBy < 1) {
            throw new IllegalArgumentException("the store's limits are shared by at least one container, not " + sharedBy);
        }
        this.sharedBy = sharedBy;
        this.nanoTime = nanoTime;
        this.sleeper = sleeper;
        for (Group group : Group.values()) {
            configuredPerSecond.put(group, accountPerSecond.getOrDefault(group, group.defaultPerSecond));
            double rate = configuredPerSecond.get(group) / sharedBy;
            buckets.put(group, new Bucket(rate, Math.max(1, rate), nanoTime.getAsLong()));
        }
    }

    public RateLimits(Map<Group, Double> accountPerSecond, LongSupplier nanoTime, Sleeper sleeper) {
        this(accountPerSecond, 1, nanoTime, sleeper);
    }

    /** Who is told of a slowdown (one per group and container: the rate only falls after). */
    public RateLimits onSlowdown(Slowdown listener) {
        this.slowdown = listener;
        return this;
    }

    public static RateLimits defaults() {
        return new RateLimits(Map.of(), System::nanoTime, Sleeper.REAL);
    }

    /** This container's calls per second in the group: its share of the account's limit. */
    public double perSecond(Group group) {
        Bucket bucket = buckets.get(group);
        synchronized (bucket) {
            return bucket.perNano * 1e9;
        }
    }

    /** Rates per group from {@code catalog=40,pricing-write=40}; an unknown group or a rate that is not positive is refused. */
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

    /**
     * Rates per group from the text of STORE_RATE_LIMITS itself, as the template's StoreRateLimits gives it
     * ({@code catalog=40,pricing-write=40}): for the tools that hold the parameter's value, not the environment.
     */
    public static Map<Group, Double> parse(String text) {
        com.winthorvd.shared.config.ConfigReader config = new com.winthorvd.shared.config.ConfigReader(
                com.winthorvd.shared.config.Env.of(Map.of("STORE_RATE_LIMITS", text)));
        Map<String, String> pairs = config.pairs("STORE_RATE_LIMITS");
        try {
            config.validate();
        } catch (com.winthorvd.shared.config.ConfigException e) {
            throw new IllegalArgumentException(String.join("; ", e.problems()));
        }
        return parse(pairs);
    }

    /** The text {@link #parse(String)} reads: {@code catalog=40,pricing-write=12.5}. */
    public static String format(Map<Group, Double> rates) {
        return rates.entrySet().stream().map(e -> e.getKey().configName() + "="
                + java.math.BigDecimal.valueOf(e.getValue()).stripTrailingZeros().toPlainString())
                .collect(java.util.stream.Collectors.joining(","));
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

    /**
     * The store refused a call of the group for its rate (429) and asked to wait: no call of the group leaves this
     * container until then, whichever thread makes it, and the bucket is empty after.
     */
    public void hold(Group group, Duration wait) {
        Bucket bucket = buckets.get(group);
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong());
            bucket.tokens = Math.min(bucket.tokens, 1 - wait.toNanos() * bucket.perNano); // the next token exactly then
        }
    }

    /**
     * The store's rate headers on an answer of the group, as VTEX documents them for Pricing: Ratelimit-Remaining, the
     * account's burst credits left; Ratelimit-Limit, all its credits; Ratelimit-Reset, whole seconds until they are
     * full again, refilling at the account's rate. The refill is read only where that meaning is documented. Headers
     * missing or unreadable pace nothing: the bucket and Retry-After still do.
     */
    public void observe(Group group, HttpHeaders headers) {
        OptionalDouble remaining = number(headers, "Ratelimit-Remaining");
        if (remaining.isEmpty()) {
            return;
        }
        observe(group, remaining.getAsDouble());
        refill(group, headers).ifPresent(refill -> observeRefill(group, refill.missingCredits(), refill.resetSeconds()));
    }

    /** What the store said of the account's credits refilling: how many are missing, and in how many seconds they are back. */
    private record Refill(double missingCredits, double resetSeconds) {
    }

    /** The refill the headers describe, in a group whose headers VTEX documents as credits; empty elsewhere or when unreadable. */
    private static Optional<Refill> refill(Group group, HttpHeaders headers) {
        OptionalDouble remaining = number(headers, "Ratelimit-Remaining");
        OptionalDouble credits = number(headers, "Ratelimit-Limit");
        OptionalDouble reset = number(headers, "Ratelimit-Reset");
        if (!group.creditsDocumented || remaining.isEmpty() || credits.isEmpty() || reset.isEmpty()) {
            return Optional.empty();
        }
        return Optional.of(new Refill(credits.getAsDouble() - remaining.getAsDouble(), reset.getAsDouble()));
    }

    /**
     * The account's burst credits left: this container keeps at most its share of them, so as the credits run out
     * every container falls back to its steady share instead of spending a burst the account no longer has.
     */
    public void observe(Group group, double remainingCredits) {
        Bucket bucket = buckets.get(group);
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong());
            bucket.tokens = Math.min(bucket.tokens, Math.max(0, remainingCredits) / sharedBy);
        }
    }

    /**
     * The store says the account's missing credits are refilled in {@code resetSeconds}: the refill is the account's
     * rate, so where it is below the configured one (StoreRateLimits set above the account's limit) this container
     * slows to its share of it for the rest of its life. Reset
     * is in whole seconds, rounded either way, so the rate is read only from a refill of at least
     * {@value #MIN_RESET_SECONDS} s and taken at its highest possible value, missing / (reset - 1): the pace is never
     * lowered below the account's rate by the rounding, and what it may still exceed (at most 1/(reset - 1)) comes out
     * of the credits and the 429s' Retry-After.
     */
    private void observeRefill(Group group, double missingCredits, double resetSeconds) {
        if (resetSeconds < MIN_RESET_SECONDS || missingCredits <= 0) {
            return;
        }
        double accountPerSecond = missingCredits / (resetSeconds - 1);
        Bucket bucket = buckets.get(group);
        boolean first;
        synchronized (bucket) {
            bucket.refill(nanoTime.getAsLong());
            first = bucket.slowTo(accountPerSecond / sharedBy) && !bucket.slowed;
            bucket.slowed |= first;
        }
        if (first) {
            slowdown.slowed(group, configuredPerSecond.get(group), accountPerSecond);
        }
    }

    /**
     * How long a 429 of the group asks to wait: its Retry-After in seconds; without one (VTEX documents only the
     * Ratelimit headers for Pricing), in a group with documented credits the time one credit takes to come back,
     * Ratelimit-Reset over the credits missing; else 1 s. An HTTP-date Retry-After is taken as 1 s, and the bucket paces
     * the rest.
     */
    static Duration retryAfter(Group group, HttpHeaders headers) {
        Optional<String> asked = headers.firstValue("Retry-After");
        if (asked.isPresent()) {
            try {
                return Duration.ofSeconds(Math.max(0, Long.parseLong(asked.get().trim())));
            } catch (NumberFormatException e) {
                return Duration.ofSeconds(1);
            }
        }
        return refill(group, headers).filter(refill -> refill.resetSeconds() > 0 && refill.missingCredits() > 0)
                .map(refill -> Duration.ofMillis(Math.max(1, (long) Math.ceil(refill.resetSeconds() / refill.missingCredits() * 1000))))
                .orElse(Duration.ofSeconds(1));
    }

    private static OptionalDouble number(HttpHeaders headers, String name) {
        Optional<String> value = headers.firstValue(name);
        if (value.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double number = Double.parseDouble(value.get().trim());
            return Double.isFinite(number) && number >= 0 ? OptionalDouble.of(number) : OptionalDouble.empty();
        } catch (NumberFormatException e) {
            return OptionalDouble.empty();
        }
    }

    private static final class Bucket {
        double perNano;
        double capacity;
        double tokens;
        long last;
        boolean slowed;

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

        /**
         * Never faster than this from now on: the burst shrinks with the rate (one second's worth, at least one).
         * Whether it was slower.
         */
        boolean slowTo(double perSecond) {
            if (perSecond * 1e-9 >= perNano) {
                return false;
            }
            perNano = perSecond * 1e-9;
            capacity = Math.max(1, perSecond);
            tokens = Math.min(tokens, capacity);
            return true;
        }
    }
}
