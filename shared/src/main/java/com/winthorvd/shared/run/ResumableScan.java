package com.winthorvd.shared.run;

import com.winthorvd.shared.state.Condition;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.Lease;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.util.Deadline;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * The one way a scheduled scan runs, for every flow: under the flow's lease (a second firing while one runs is
 * SKIPPED, never doubled), page by page with its typed checkpoint saved after each, stopping while there is still time
 * to save it, and leaving a run log item whose status is what the run did. A backlog of N pages therefore completes in
 * ceil(N / pages per invocation) runs, plus at most one.
 */
public final class ResumableScan {
    /** Before a page that is not the first: stop when less than this share of the budget is left... */
    static final int RESERVE_DIVISOR = 20;
    /** ...or less than this (whichever is smaller), plus twice the slowest page so far. */
    static final Duration RESERVE_MAX = Duration.ofSeconds(10);
    /** The lease outlives the invocation by this much, so a run killed by its timeout frees the flow soon after. */
    static final Duration LEASE_MARGIN = Duration.ofMinutes(1);

    /** The scan itself: reads its pages through {@link Scan}, returns what it did. */
    public interface Body {
        RunStatus run(Scan scan);
    }

    private final StateTable table;
    private final RunLog runLog;
    private final Clock clock;
    private final String flow;

    public ResumableScan(StateTable table, RunLog runLog, Clock clock, String flow) {
        this.table = table;
        this.runLog = runLog;
        this.clock = clock;
        this.flow = flow;
    }

    /**
     * @param full      whether this is a full read (reported; the body decides what it means)
     * @param remaining the invocation's time left (Lambda's context)
     */
    public ScanResult run(boolean full, Supplier<Duration> remaining, Body body) {
        Duration budget = remaining.get();
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        Lease lease = new Lease(table, flow);
        if (!lease.acquire(owner, now, now.plus(budget).plus(LEASE_MARGIN))) {
            RunRecord skipped = runLog.skipped(flow, "another " + flow + " scan holds the lease");
            return new ScanResult(RunStatus.SKIPPED, skipped.runId(), full, Map.of(), skipped.errors());
        }
        Scan scan = new Scan(runLog.start(flow, null), full, remaining, budget);
        try {
            // Every call of the scan is bounded by its time left, counted on the injected clock from the budget it
            // started with (the supplier itself is the page loop's to look at).
            Instant end = now.plus(budget);
            RunStatus status = Deadline.within(() -> Duration.between(clock.instant(), end), () -> body.run(scan));
            RunRecord record = scan.finish(status);
            return new ScanResult(status, scan.scanId == null ? scan.run.runId() : scan.scanId, scan.full, record.counts(),
                    List.copyOf(scan.errors));
        } catch (RuntimeException e) {
            scan.error(String.valueOf(e.getMessage()));
            scan.finish(RunStatus.FAILED);
            throw e;
        } finally {
            lease.release(owner);
        }
    }

    /**
     * One invocation's scan: its counts, errors, time and checkpoints. Counts and errors may come from several threads;
     * the page loop ({@link #another}, checkpoints) is the invocation's own thread's.
     */
    public final class Scan {
        private final RunLog.Run run;
        private final Supplier<Duration> remaining;
        private final Duration reserve;
        private final List<String> errors = java.util.Collections.synchronizedList(new ArrayList<>());
        private boolean full;
        private String scanId;
        private long pageStartedAt = -1;
        private Duration slowest = Duration.ZERO;

        private Scan(RunLog.Run run, boolean full, Supplier<Duration> remaining, Duration budget) {
            this.run = run;
            this.full = full;
            this.remaining = remaining;
            Duration share = budget.dividedBy(RESERVE_DIVISOR);
            this.reserve = share.compareTo(RESERVE_MAX) < 0 ? share : RESERVE_MAX;
        }

        /**
         * Whether there is time for another page (or unit of work): always for the first, so every run makes progress;
         * after that, while the time left exceeds the reserve plus twice the slowest page so far. Each call ends the
         * previous page, timed on the injected clock.
         */
        public boolean another() {
            long now = clock.millis();
            if (pageStartedAt < 0) {
                pageStartedAt = now;
                return true;
            }
            Duration took = Duration.ofMillis(now - pageStartedAt);
            slowest = took.compareTo(slowest) > 0 ? took : slowest;
            pageStartedAt = now;
            if (remaining.get().compareTo(reserve.plus(slowest.multipliedBy(2))) < 0) {
                run.count("scan", "partial", 1);
                return false;
            }
            return true;
        }

        /** Records the run with its errors. */
        private RunRecord finish(RunStatus status) {
            errors.forEach(run::error);
            return run.finish(status, null);
        }

        /** The saved place of checkpoint {@code name}, read consistently. */
        public <C extends Checkpoint> Optional<C> checkpoint(String name, Function<Item, C> read) {
            return table.get(Keys.checkpoint(name), Keys.ONE, StateTable.Read.CONSISTENT).map(read);
        }

        public void save(String name, Checkpoint checkpoint) {
            table.put(checkpoint.write(Item.key(Keys.checkpoint(name), Keys.ONE))
                    .with("savedAt", clock.instant().toString()).with("savedBy", run.runId()));
        }

        /** The read is complete: the next one starts afresh. */
        public void clear(String name) {
            table.deleteIf(Keys.checkpoint(name), Keys.ONE, Condition.of("attribute_exists(pk)"));
        }

        public void count(String entity, String outcome, long n) {
            run.count(entity, outcome, n);
        }

        /** An error of this run: kept in the run log and answered to the schedule. */
        public void error(String text) {
            errors.add(text);
        }

        /** The run log's id of this invocation. */
        public String runId() {
            return run.runId();
        }

        /** The scan this invocation works on, when it spans invocations (a resumed full run), and its kind. */
        public void resumes(String scanId, boolean full) {
            this.scanId = scanId;
            this.full = full;
        }
    }
}
