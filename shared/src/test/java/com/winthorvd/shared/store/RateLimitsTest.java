package com.winthorvd.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
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
        RateLimits limits = new RateLimits(Map.of(RateLimits.Group.PRICING_WRITE, 33.0), now::get, d -> {
            waits.add(d);
            now.addAndGet(d.toNanos());
        });
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
}
