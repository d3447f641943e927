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
