package com.winthorvd.shared.queue;

import java.time.Duration;

/**
 * How long a transiently failed message stays invisible: 30 s on the first receive, doubling per receive, at
 * most 15 minutes; a wait asked for by the remote side (Retry-After) wins when it is longer.
 */
public record RetryBackoff(Duration first, Duration max) {
    public static final RetryBackoff DEFAULT = new RetryBackoff(Duration.ofSeconds(30), Duration.ofMinutes(15));

    /** RETRY_BACKOFF_FIRST_SECONDS and RETRY_BACKOFF_MAX_SECONDS, else the default. */
    public static RetryBackoff read(com.winthorvd.shared.config.ConfigReader config) {
        return new RetryBackoff(config.seconds("RETRY_BACKOFF_FIRST_SECONDS", DEFAULT.first()),
                config.seconds("RETRY_BACKOFF_MAX_SECONDS", DEFAULT.max()));
    }
    /** SQS's own ceiling for a visibility timeout. */
    static final Duration SQS_MAX_VISIBILITY = Duration.ofHours(12);

    public Duration after(int receiveCount, TransientFailure failure) {
        int doublings = Math.max(0, Math.min(receiveCount - 1, 20));
        Duration backoff = first.multipliedBy(1L << doublings);
        if (backoff.compareTo(max) > 0) {
            backoff = max;
        }
        Duration asked = failure.retryAfter().orElse(Duration.ZERO);
        Duration chosen = asked.compareTo(backoff) > 0 ? asked : backoff;
        return chosen.compareTo(SQS_MAX_VISIBILITY) > 0 ? SQS_MAX_VISIBILITY : chosen;
    }
}
