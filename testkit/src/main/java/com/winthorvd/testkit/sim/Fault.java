package com.winthorvd.testkit.sim;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A fault a simulator injects instead of (or after) serving a request. Off by default; tests, the demo and
 * the benchmarks switch them on per endpoint.
 */
public record Fault(Kind kind, Duration delay, Gate gate) {
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
        COMMIT_THEN_DROP,
        /** Does the write, then answers HTTP 400 as if it had refused: the write happened all the same. */
        COMMIT_THEN_400,
        /** Does the write, then answers HTTP 409 (a conflict): the write happened. */
        COMMIT_THEN_409,
        /** Does the write and answers success, but without the record's number (no orderId/id in the body). */
        COMMIT_WITHOUT_NUMBER,
        /** Holds the request at its {@link Gate} until the test releases it, then serves it. */
        HELD,
        /** A list answers an empty page that still says {@code hasNext: true}. */
        EMPTY_PAGE,
        /** A list answers its items as a bare JSON array, without the {@code {first, items, hasNext}} envelope. */
        BARE_ARRAY,
        /** A list's first item comes with a lastChange that is no date: its id can be read, its body cannot. */
        UNREADABLE_RECORD
    }

    public static Fault of(Kind kind) {
        return new Fault(kind, Duration.ZERO, null);
    }

    public static Fault slow(Duration delay) {
        return new Fault(Kind.SLOW, delay, null);
    }

    /** A request held until {@link Gate#release()}: a test knows when the caller is inside the call, with no sleep. */
    public static Fault held(Gate gate) {
        return new Fault(Kind.HELD, Duration.ZERO, gate);
    }

    /** Where a held request waits; a test waits for it to arrive, does what must happen meanwhile, then releases it. */
    public static final class Gate {
        /** No test holds a request longer: a forgotten release fails the test instead of hanging it. */
        private static final Duration LIMIT = Duration.ofSeconds(60);
        private final CountDownLatch arrived = new CountDownLatch(1);
        private final CountDownLatch released = new CountDownLatch(1);
        private final CountDownLatch served = new CountDownLatch(1);

        /** Called by the simulator's request thread. */
        void hold() {
            arrived.countDown();
            await(released, "released");
        }

        /** Waits until the held request has reached the simulator. */
        public void awaitArrival() {
            await(arrived, "reached by its request");
        }

        public void release() {
            released.countDown();
        }

        /** Called by the simulator once the held request has done its work (answered, or found its caller gone). */
        void served() {
            served.countDown();
        }

        /** Waits until the released request has done its work: what it writes is there to be read. */
        public void awaitServed() {
            await(served, "passed by its request to the end");
        }

        private static void await(CountDownLatch latch, String what) {
            try {
                if (!latch.await(LIMIT.toSeconds(), TimeUnit.SECONDS)) {
                    throw new IllegalStateException("the gate was not " + what + " within " + LIMIT.toSeconds() + " s");
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("interrupted at the gate", e);
            }
        }
    }
}
