package com.winthorvd.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class StoreRateLimiterTest {

    @Test
    void callsAboveTheRateSpendBurstCreditsAndNoneLeftIsA429WithHowLongToWait() {
        AtomicLong now = new AtomicLong();
        StoreRateLimiter limiter = new StoreRateLimiter(now::get);
        limiter.set("pricing-write", StoreRateLimiter.PUBLISHED.get("pricing-write"));
        for (int i = 0; i < 1000; i++) {
            assertTrue(limiter.take("pricing-write").allowed(), "call " + i + " within the 1 000 burst credits");
        }
        StoreRateLimiter.Verdict refused = limiter.take("pricing-write");
        assertFalse(refused.allowed());
        assertEquals("1", refused.headers().get("Retry-After"));
        assertEquals("0", refused.headers().get("Ratelimit-Remaining"));
        assertEquals("1000", refused.headers().get("Ratelimit-Limit"));
        assertEquals("25", refused.headers().get("Ratelimit-Reset"), "1 000 credits at 40 a second");

        now.addAndGet(500_000_000L); // half a second: 20 credits back
        for (int i = 0; i < 20; i++) {
            assertTrue(limiter.take("pricing-write").allowed());
        }
        assertFalse(limiter.take("pricing-write").allowed());
        assertEquals(Map.of("pricing-write", 2), limiter.refused());
        assertTrue(limiter.take("catalog").allowed(), "a group without a limit is never refused");
        assertTrue(limiter.take("catalog").headers().isEmpty());
    }
}
