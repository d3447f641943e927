package com.winthorvd.shared.token;

import java.time.Duration;
import java.time.Instant;

/** The WinThor token as kept in {@code TOKEN#winthor}: when it was obtained and until when it may be used. */
public record StoredToken(String token, Instant obtainedAt, Instant expiresAt) {

    /** Usable if it is not past its expiry minus a margin, so a call never starts with a token about to lapse. */
    public boolean usableAt(Instant now, Duration margin) {
        return token != null && now.plus(margin).isBefore(expiresAt);
    }

    /** Due for renewal once the given share of its lifetime has passed. */
    public boolean dueAt(Instant now, double share) {
        long lifetime = Duration.between(obtainedAt, expiresAt).toMillis();
        return Duration.between(obtainedAt, now).toMillis() >= (long) (lifetime * share);
    }
}
