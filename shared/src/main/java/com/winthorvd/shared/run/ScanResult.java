package com.winthorvd.shared.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What one invocation of a scan did. {@code scanId}: the scan it worked on, which may span several invocations (the
 * catalog's full run, whose deactivations are released by that id), else the run log's id; {@code full}: whether it
 * was a full read.
 */
public record ScanResult(RunStatus status, String scanId, boolean full, Map<String, Long> counts, List<String> errors) {

    /** The scan handler's response, as the schedule's invocation log shows it. */
    public Map<String, Object> output(String flow) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", flow);
        out.put("status", status.name());
        out.put("runId", scanId);
        out.put("full", full);
        out.put("counts", counts);
        out.put("errors", errors);
        return out;
    }
}
