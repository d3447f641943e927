package com.winthorvd.cli;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * How a command that runs until stopped ({@code local up}) learns of Ctrl-C or SIGTERM: the JVM's shutdown hook
 * requests the stop, then waits (up to 20 s) until the command says it has closed everything it started.
 */
final class StopSignal {
    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);

    /** A signal the JVM's shutdown (Ctrl-C, SIGTERM, System.exit) requests. */
    static StopSignal onShutdown() {
        StopSignal signal = new StopSignal();
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            signal.request();
            try {
                signal.finished.await(20, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "winthor-vd-stop"));
        return signal;
    }

    void request() {
        requested.countDown();
    }

    void awaitRequest() throws InterruptedException {
        requested.await();
    }

    /** Called by the command once everything it started is closed. */
    void finished() {
        finished.countDown();
    }
}
