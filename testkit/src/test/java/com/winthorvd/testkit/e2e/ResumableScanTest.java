package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.run.Checkpoint;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.Lease;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.testkit.LocalWorld;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The one resumable, leased scan every flow runs on, against the state table: a backlog of more pages than fit in a
 * 50 s invocation completes in ceil(N / pages per invocation) + 1 runs at most, each page read once, and the run log
 * says what each run did. Pages take their time on the injected clock, never the machine's.
 */
class ResumableScanTest {
    static final Duration PAGE_TIME = Duration.ofSeconds(4);
    static final Duration BUDGET = Duration.ofSeconds(50);
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = TestAws.world();
    }

    @AfterAll
    static void stop() {
        if (world != null) {
            world.close();
        }
    }

    record Next(int page) implements Checkpoint {
        @Override
        public Item write(Item into) {
            return into.with("page", page);
        }
    }

    /** The time left of an invocation that started now, on the world's clock. */
    private static Supplier<Duration> budget() {
        Instant deadline = world.clock.instant().plus(BUDGET);
        return () -> Duration.between(world.clock.instant(), deadline);
    }

    /** A scan over {@code pages} pages, each taking PAGE_TIME, recording the pages it read. */
    private static ResumableScan.Body pages(String flow, int pages, List<Integer> read) {
        return scan -> {
            int page = scan.checkpoint(flow, item -> new Next(item.number("page").orElseThrow().intValue())).map(Next::page).orElse(1);
            for (; page <= pages; page++) {
                if (!scan.another()) {
                    scan.save(flow, new Next(page));
                    return RunStatus.PARTIAL;
                }
                world.clock.advance(PAGE_TIME);
                read.add(page);
                scan.count("page", "read", 1);
            }
            scan.clear(flow);
            return RunStatus.COMPLETED;
        };
    }

    @Test
    void aBacklogOfMorePagesThanFitCompletesInAtMostCeilNOverPagesPerRunPlusOne() {
        String flow = "scan-backlog";
        int pages = 37;
        RunLog runLog = new RunLog(world.table, world.clock);
        ResumableScan scan = new ResumableScan(world.table, runLog, world.clock, flow);
        List<Integer> read = new ArrayList<>();
        List<ScanResult> runs = new ArrayList<>();
        do {
            runs.add(scan.run(false, budget(), pages(flow, pages, read)));
        } while (runs.get(runs.size() - 1).status() == RunStatus.PARTIAL && runs.size() < 50);
        // 50 s, a reserve of 2.5 s (a twentieth) plus twice the slowest page (8 s): ten 4 s pages a run.
        int perRun = 10;
        assertEquals(java.util.stream.IntStream.rangeClosed(1, pages).boxed().toList(), read, "every page read once, in order");
        assertTrue(runs.size() <= (pages + perRun - 1) / perRun + 1, runs.size() + " runs");
        assertEquals(perRun, runs.get(0).counts().get("page.read"), "a run uses its budget: " + runs.get(0));
        assertEquals(RunStatus.COMPLETED, runs.get(runs.size() - 1).status());
        List<RunStatus> logged = runLog.recent(flow, 10).stream().map(r -> RunStatus.valueOf(r.status())).toList();
        List<RunStatus> answered = new ArrayList<>(runs.stream().map(ScanResult::status).toList());
        java.util.Collections.reverse(answered);
        assertEquals(answered, logged, "the run log says what each run did, newest first");
        assertTrue(world.table.get(Keys.checkpoint(flow), Keys.ONE, StateTable.Read.CONSISTENT).isEmpty(), "a completed read starts afresh");
    }

    @Test
    void aFiringWhileAnotherRunHoldsTheLeaseIsSkippedAndLoggedAsSuch() {
        String flow = "scan-lease";
        RunLog runLog = new RunLog(world.table, world.clock);
        Instant now = world.clock.instant();
        assertTrue(new Lease(world.table, flow).acquire("someone-else", now, now.plus(Duration.ofMinutes(5))));
        List<Integer> read = new ArrayList<>();
        ScanResult result = new ResumableScan(world.table, runLog, world.clock, flow).run(false, budget(), pages(flow, 3, read));
        assertEquals(RunStatus.SKIPPED, result.status());
        assertEquals(List.of(), read);
        RunRecord logged = runLog.recent(flow, 1).get(0);
        assertEquals("SKIPPED", logged.status());
        assertEquals(List.of("another " + flow + " scan holds the lease"), logged.errors());
    }

    @Test
    void aScanThatThrowsIsLoggedFailedAndFreesTheFlow() {
        String flow = "scan-throws";
        RunLog runLog = new RunLog(world.table, world.clock);
        ResumableScan scan = new ResumableScan(world.table, runLog, world.clock, flow);
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> scan.run(false, budget(), s -> {
            s.error("page 1: refused");
            throw new IllegalStateException("configuration changed");
        }));
        assertEquals("configuration changed", thrown.getMessage());
        RunRecord logged = runLog.recent(flow, 1).get(0);
        assertEquals("FAILED", logged.status(), "not left RUNNING");
        assertEquals(List.of("page 1: refused", "configuration changed"), logged.errors());
        List<Integer> read = new ArrayList<>();
        assertEquals(RunStatus.COMPLETED, scan.run(false, budget(), pages(flow, 2, read)).status(), "the lease was released");
    }
}
