package com.winthorvd.shared.run;

/** What one run of a scan did, as its run log item and the schedule's invocation log say it. */
public enum RunStatus {
    /** Read to the end; the watermark moved. */
    COMPLETED,
    /** Stopped before the time ran out, its checkpoint saved: the next firing goes on from there. */
    PARTIAL,
    /** A read failed; its checkpoint stays where the last good page left it. */
    FAILED,
    /** Another run of the same flow holds the lease: nothing done. */
    SKIPPED,
    /** Completed, but an entity's deactivations went over the limit and wait for a person (catalog only). */
    DEACTIVATION_HELD,
    /** The run is going on (only ever seen in the run log). */
    RUNNING
}
