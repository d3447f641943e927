package com.winthorvd.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class RateLimitsTest {

    @Test
    void pacesEachGroupToItsRateOnAFakeClock() {
        AtomicLong now = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.PRICING_WRITE, 33.0), now::get, fake(now, waits));
        for (int i = 0; i < 100; i++) {
            limits.acquire(RateLimits.Group.PRICING_WRITE);
        }
        double seconds = now.get() / 1e9;
        // 33 in the full bucket at once, then 33 a second: 67 more take about 2 s.
        assertTrue(seconds > 1.9 && seconds < 2.2, "took " + seconds + " s of fake time");
        assertTrue(!waits.isEmpty());
        long before = now.get();
        limits.acquire(RateLimits.Group.CATALOG);
        assertEquals(before, now.get(), "other groups are not slowed");
    }

    private static com.winthorvd.shared.util.Sleeper fake(AtomicLong now, List<Duration> waits) {
        return d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
        };
    }

    /** Calls of the group one container makes in {@code seconds} of fake time, from a full bucket. */
    private static int callsIn(RateLimits limits, AtomicLong now, double seconds) {
        int calls = 0;
        long end = now.get() + (long) (seconds * 1e9);
        while (true) {
            limits.acquire(RateLimits.Group.LOGISTICS);
            if (now.get() > end) {
                return calls;
            }
            calls++;
        }
    }

    @Test
    void fourContainersEachTakeAQuarterOfTheAccountsLimit() {
        AtomicLong now = new AtomicLong();
        RateLimits share = new RateLimits(Map.of(RateLimits.Group.LOGISTICS, 50.0), 4, now::get, fake(now, new ArrayList<>()));
        assertEquals(12.5, share.perSecond(RateLimits.Group.LOGISTICS), 1e-9);
        int calls = callsIn(share, now, 10);
        // 12.5/s for 10 s plus the bucket's own 12 at the start: four such containers stay within 50/s and one burst.
        assertTrue(calls >= 135 && calls <= 138, calls + " calls in 10 s");
        assertThrows(IllegalArgumentException.class, () -> new RateLimits(Map.of(), 0, now::get, d -> { }));
    }

    @Test
    void aRetryAfterHoldsEveryCallOfTheGroupAndNoOther() {
        AtomicLong now = new AtomicLong();
        List<Duration> waits = new ArrayList<>();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.LOGISTICS, 50.0), now::get, fake(now, waits));
        limits.acquire(RateLimits.Group.LOGISTICS);
        limits.hold(RateLimits.Group.LOGISTICS, Duration.ofSeconds(3));
        limits.acquire(RateLimits.Group.CATALOG);
        assertEquals(0, now.get(), "another group is not held");
        limits.acquire(RateLimits.Group.LOGISTICS);
        assertEquals(3.0, now.get() / 1e9, 0.001, "the next call of the group leaves when the store said");
        limits.acquire(RateLimits.Group.LOGISTICS);
        assertEquals(3.02, now.get() / 1e9, 0.001, "and the one after it at the group's pace, not in a burst");
    }

    @Test
    void theStoresRemainingCreditsTakeTheBurstAwaySharedByTheContainers() {
        AtomicLong now = new AtomicLong();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.LOGISTICS, 40.0), 2, now::get, fake(now, new ArrayList<>()));
        limits.observe(RateLimits.Group.LOGISTICS, 1000);
        for (int i = 0; i < 20; i++) {
            limits.acquire(RateLimits.Group.LOGISTICS);
        }
        assertEquals(0, now.get(), "plenty of credits: the container's own burst of 20 goes at once");
        now.addAndGet(1_000_000_000L); // the bucket refills
        limits.observe(RateLimits.Group.LOGISTICS, 4); // the account has 4 credits left, for 2 containers
        limits.acquire(RateLimits.Group.LOGISTICS);
        limits.acquire(RateLimits.Group.LOGISTICS);
        long before = now.get();
        limits.acquire(RateLimits.Group.LOGISTICS);
        assertEquals(0.05, (now.get() - before) / 1e9, 0.001, "its half of the credits spent, it paces at 20/s");
        limits.observe(RateLimits.Group.LOGISTICS, 0);
        before = now.get();
        limits.acquire(RateLimits.Group.LOGISTICS);
        assertEquals(0.05, (now.get() - before) / 1e9, 0.001);
    }

    private static java.net.http.HttpHeaders headers(String... nameValues) {
        Map<String, List<String>> map = new java.util.HashMap<>();
        for (int i = 0; i < nameValues.length; i += 2) {
            map.put(nameValues[i], List.of(nameValues[i + 1]));
        }
        return java.net.http.HttpHeaders.of(map, (name, value) -> true);
    }

    @Test
    void theCreditsRefillShowsTheAccountsRateAndEachContainerSlowsToItsShareOfIt() {
        AtomicLong now = new AtomicLong();
        // StoreRateLimits says 80/s, but the account gets 40/s: 500 of its 1 000 credits spent refill in 12.5 s, "13".
        List<String> told = new ArrayList<>();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.PRICING_WRITE, 80.0), 4, now::get, fake(now, new ArrayList<>()))
                .onSlowdown((group, configured, account) -> told.add(group.configName() + " " + configured + " " + Math.round(account * 10) / 10.0));
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "500", "Ratelimit-Reset", "13"));
        // The highest rate a whole-second Reset allows, 500 / 12 = 41.7/s, shared by 4: never below the account's 40.
        assertEquals(500 / 12.0 / 4, limits.perSecond(RateLimits.Group.PRICING_WRITE), 1e-9);
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "1000", "Ratelimit-Reset", "0"));
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "900", "Ratelimit-Reset", "2"));
        assertEquals(500 / 12.0 / 4, limits.perSecond(RateLimits.Group.PRICING_WRITE), 1e-9, "a full or nearly full account says nothing of its rate");
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "25"));
        assertEquals(1000 / 24.0 / 4, limits.perSecond(RateLimits.Group.PRICING_WRITE), 1e-9, "a longer refill reads the rate closer");
        assertEquals(List.of("pricing-write 80.0 41.7"), told, "the setting to fix is told once, not at every answer");
        assertEquals(80.0 / 4, new RateLimits(Map.of(RateLimits.Group.PRICING_WRITE, 80.0), 4, now::get, d -> { })
                .perSecond(RateLimits.Group.PRICING_WRITE), 1e-9);
        long before = now.get();
        limits.acquire(RateLimits.Group.PRICING_WRITE);
        assertEquals(4 * 24 / 1000.0, (now.get() - before) / 1e9, 0.001, "no credits left: the next call at the slower pace");
    }

    @Test
    void aRefillAtTheConfiguredRateOrFasterChangesNothing() {
        AtomicLong now = new AtomicLong();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.PRICING_WRITE, 40.0), 4, now::get, fake(now, new ArrayList<>()));
        // The account's 40/s as the store rounds it (up or down): 201 credits in 5.025 s, "6" or "5".
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "799", "Ratelimit-Reset", "6"));
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "799", "Ratelimit-Reset", "5"));
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "25"));
        assertEquals(10.0, limits.perSecond(RateLimits.Group.PRICING_WRITE), 1e-9);
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "lots", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "-3"));
        limits.observe(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Reset", "30"));
        assertEquals(10.0, limits.perSecond(RateLimits.Group.PRICING_WRITE), 1e-9, "unreadable or partial headers pace nothing");
    }

    @Test
    void aRefillIsReadOnlyWhereVtexDocumentsItsMeaning() {
        AtomicLong now = new AtomicLong();
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.ORDERS, 100.0), now::get, fake(now, new ArrayList<>()));
        // A quota of 6 000 a minute, 10 s into the window at 100/s: read as credits, it would look like a 20/s account.
        limits.observe(RateLimits.Group.ORDERS, headers("Ratelimit-Limit", "6000", "Ratelimit-Remaining", "5000", "Ratelimit-Reset", "50"));
        assertEquals(100.0, limits.perSecond(RateLimits.Group.ORDERS), 1e-9);
    }

    @Test
    void a429WaitsItsRetryAfterOrWithoutOneTheTimeACreditTakesToComeBack() {
        assertEquals(Duration.ofSeconds(3), RateLimits.retryAfter(RateLimits.Group.PRICING_WRITE, headers("Retry-After", "3", "Ratelimit-Reset", "25")));
        assertEquals(Duration.ofSeconds(1), RateLimits.retryAfter(RateLimits.Group.PRICING_WRITE, headers("Retry-After", "Wed, 21 Oct 2026 07:28:00 GMT")));
        // VTEX's Pricing documents no Retry-After: 1 000 credits in 25 s come back one every 25 ms.
        assertEquals(Duration.ofMillis(25), RateLimits.retryAfter(RateLimits.Group.PRICING_WRITE, headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "25")));
        assertEquals(Duration.ofSeconds(1), RateLimits.retryAfter(RateLimits.Group.PRICING_WRITE, headers()));
        assertEquals(Duration.ofSeconds(1), RateLimits.retryAfter(RateLimits.Group.ORDERS,
                headers("Ratelimit-Limit", "1000", "Ratelimit-Remaining", "0", "Ratelimit-Reset", "25")), "headers of unpublished meaning");
    }

    @Test
    void theParametersTextReadsAndWritesBackAndABadPairIsNamed() {
        Map<RateLimits.Group, Double> rates = RateLimits.parse("catalog=40, pricing-write=12.5");
        assertEquals(Map.of(RateLimits.Group.CATALOG, 40.0, RateLimits.Group.PRICING_WRITE, 12.5), rates);
        assertEquals("catalog=40,pricing-write=12.5", RateLimits.format(rates));
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class, () -> RateLimits.parse("catalog"));
        assertTrue(e.getMessage().contains("'catalog' is not key=value"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> RateLimits.parse("katalog=40"));
    }
}
