package com.winthorvd.shared.run;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** What one scheduled scan of the stock or price flow did: COMPLETED, PARTIAL, FAILED or SKIPPED, counts, errors. */
public record ScanResult(String status, Map<String, Long> counts, List<String> errors) {

    /** The scan handler's response, as the schedule's invocation log shows it. */
    public Map<String, Object> output(String flow) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", flow);
        out.put("status", status);
        out.put("counts", counts);
        out.put("errors", errors);
        return out;
    }
}
