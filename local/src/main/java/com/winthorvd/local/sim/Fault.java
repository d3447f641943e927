package com.winthorvd.local.sim;

import java.time.Duration;

/**
 * A fault a simulator injects instead of (or after) serving a request. Off by default; tests, the demo and
 * the benchmarks switch them on per endpoint.
 */
public record Fault(Kind kind, Duration delay) {
    public enum Kind {
        /** HTTP 500 with a JSON error body. */
        HTTP_500,
        /** HTTP 400 with a JSON error body: a refusal, not worth retrying as it is. */
        HTTP_400,
        /** A Jetty-like HTML error page with HTTP 200, as the WTA gateway sometimes answers. */
        HTML_200,
        /** HTTP 401, as for an expired token. */
        UNAUTHORIZED,
        /** HTTP 429 with Retry-After. */
        TOO_MANY_REQUESTS,
        /** Answers only after {@code delay} (past the client's timeout, when the test wants a timeout). */
        SLOW,
        /** Closes the connection without an answer. */
        RESET,
        /** Does the write, then drops the answer: the caller sees a timeout or reset, the write happened. */
        COMMIT_THEN_DROP
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, Duration.ZERO);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay);
    }
}
