package com.winthorvd.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The periods {@code local up} runs the template's schedules at (before --speed divides them). */
class LocalUpScheduleTest {

    @Test
    void ratesAndTheNightlyCronBecomePeriodsAndAnythingElseIsLeftToTheControlApi() {
        assertEquals(Duration.ofMinutes(1), LocalUp.period("rate(1 minute)"));
        assertEquals(Duration.ofMinutes(15), LocalUp.period("rate(15 minutes)"));
        assertEquals(Duration.ofHours(2), LocalUp.period("rate(2 hours)"));
        assertEquals(Duration.ofDays(1), LocalUp.period("rate(1 day)"));
        assertEquals(Duration.ofDays(1), LocalUp.period("cron(0 2 * * ? *)"), "the nightly full run: once a day");
        assertNull(LocalUp.period("cron(0 2 ? * MON-FRI *)"), "a weekday cron is not run on a timer");
        assertNull(LocalUp.period("at(2026-12-01T00:00:00)"));
    }
}
