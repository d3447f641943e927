package com.winthorvd.shared.token;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class StoredTokenTest {
    private final Instant obtained = Instant.parse("2026-11-30T12:00:00Z");
    private final StoredToken token = new StoredToken("t", obtained, obtained.plus(Duration.ofHours(2)));

    @Test
    void isDueAtThreeQuartersOfItsLifetime() {
        assertFalse(token.dueAt(obtained.plus(Duration.ofMinutes(89)), 0.75));
        assertTrue(token.dueAt(obtained.plus(Duration.ofMinutes(90)), 0.75));
    }

    @Test
    void isNotHandedOutInItsLastMinute() {
        assertTrue(token.usableAt(obtained.plus(Duration.ofMinutes(118)), Duration.ofSeconds(60)));
        assertFalse(token.usableAt(obtained.plus(Duration.ofSeconds(7141)), Duration.ofSeconds(60)));
    }
}
