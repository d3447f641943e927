package com.winthorvd.shared.run;

import com.winthorvd.shared.state.Lease;
import com.winthorvd.shared.state.StateTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Runs one scan of a flow under its lease (a second firing while one runs is SKIPPED, never doubled) and records it
 * in the run log with its counts and errors.
 */
public final class LeasedScan {
    /** The scan itself: counts into the run, adds errors, returns its status (COMPLETED, PARTIAL, FAILED). */
    public interface Body {
        String run(RunLog.Run run, List<String> errors);
    }

    private LeasedScan() {
    }

    public static ScanResult run(StateTable table, RunLog runLog, Clock clock, String flow, Duration budget, Body body) {
        Instant now = clock.instant();
        String owner = UUID.randomUUID().toString();
        Lease lease = new Lease(table, flow);
        if (!lease.acquire(owner, now, now.plus(budget).plus(Duration.ofMinutes(1)))) {
            return new ScanResult("SKIPPED", Map.of(), List.of("another " + flow + " scan holds the lease"));
        }
        RunLog.Run run = runLog.start(flow, null);
        List<String> errors = new ArrayList<>();
        String status;
        try {
            status = body.run(run, errors);
        } finally {
            lease.release(owner);
        }
        errors.forEach(run::error);
        return new ScanResult(status, run.finish(status, null).counts(), errors);
    }
}
