package com.winthorvd.shared.run;

import com.winthorvd.shared.state.Item;
import java.util.List;
import java.util.Map;

/** A run as stored in the run log. */
public record RunRecord(String flow, String runId, String status, String startedAt, String endedAt, long durationMs,
                        Map<String, Long> counts, String watermarkBefore, String watermarkAfter,
                        long errorCount, List<String> errors) {

    static RunRecord from(Item item) {
        return new RunRecord(item.string("flow").orElse(""), item.string("runId").orElse(""),
                item.string("status").orElse(""), item.string("startedAt").orElse(""),
                item.string("endedAt").orElse(null), item.number("durationMs").orElse(0L),
                item.counts("counts"), item.string("watermarkBefore").orElse(null),
                item.string("watermarkAfter").orElse(null), item.number("errorCount").orElse(0L),
                item.list("errors"));
    }
}
