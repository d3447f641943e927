package com.winthorvd.shared.log;

import java.util.Locale;

/** How the metrics built from outcomes are named, so the alarms and the dashboard can name them too. */
public final class MetricNames {
    private MetricNames() {
    }

    /** A run that ended in this status (COMPLETED, FAILED...): RunCompleted, RunFailed. */
    public static String run(String status) {
        return "Run" + camel(status);
    }

    /** A record's outcome ("applied", "not_in_store", SYNCED): RecordsApplied, RecordsNotInStore, RecordsSynced. */
    public static String records(String outcome) {
        return "Records" + camel(outcome);
    }

    private static String camel(String words) {
        StringBuilder out = new StringBuilder();
        for (String word : words.toLowerCase(Locale.ROOT).split("[_\\- ]+")) {
            if (!word.isEmpty()) {
                out.append(Character.toUpperCase(word.charAt(0))).append(word.substring(1));
            }
        }
        return out.toString();
    }
}
