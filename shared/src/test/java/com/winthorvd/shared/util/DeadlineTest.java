package com.winthorvd.shared.util;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeadlineTest {
    private static final Duration THIRTY = Duration.ofSeconds(30);

    @Test
    void outsideAnInvocationACallKeepsItsOwnTimeout() {
        assertEquals(THIRTY, Deadline.bound(THIRTY));
        assertTrue(Deadline.allows(Duration.ofHours(1)));
    }

    @Test
    void withinAnInvocationACallEndsBeforeItDoesWithTheMarginKept() {
        Deadline.within(() -> Duration.ofSeconds(12), () -> {
            assertEquals(Duration.ofSeconds(10), Deadline.bound(THIRTY), "12 s left less the 2 s margin");
            assertEquals(Duration.ofSeconds(5), Deadline.bound(Duration.ofSeconds(5)), "a shorter timeout stays");
            assertTrue(Deadline.allows(Duration.ofSeconds(9)));
            assertFalse(Deadline.allows(Duration.ofSeconds(10)), "a 10 s wait would leave no time for the call");
            return null;
        });
        Deadline.within(() -> Duration.ofSeconds(1), () -> {
            assertEquals(Duration.ZERO, Deadline.bound(THIRTY), "under the margin: no call at all");
            return null;
        });
        assertEquals(THIRTY, Deadline.bound(THIRTY), "the invocation's deadline ends with it");
    }
}
