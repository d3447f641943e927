package com.winthorvd.testkit.e2e;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

/** Invocation budgets for tests of scans that stop short of time, independent of the machine's speed. */
final class Budgets {
    private Budgets() {
    }

    /**
     * An invocation's time left that starts at {@code budget} and loses {@code perLook} each time it is looked at:
     * a scan looks once when it starts (its budget) and once before each page but the first, so the pages a run reads
     * depend on nothing else.
     */
    static Supplier<Duration> spentPerLook(Duration budget, Duration perLook) {
        AtomicInteger looks = new AtomicInteger();
        return () -> budget.minus(perLook.multipliedBy(looks.getAndIncrement()));
    }
}
