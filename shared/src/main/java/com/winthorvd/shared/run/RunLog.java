package com.winthorvd.shared.run;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.log.MetricNames;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * Every run of every flow leaves a {@code RUN#<flow>} item: when it started and ended, counts per entity and
 * outcome, the watermark before and after, and its errors. The CLI's reports are rendered from these items.
 */
public final class RunLog {
    static final Duration RETENTION = Duration.ofDays(90);
    static final int MAX_ERRORS_KEPT = 20;

    private final StateTable table;
    private final Clock clock;
    private final JsonLog metrics;

    /** A run log that only reads and writes the table (the CLI, the tests). */
    public RunLog(StateTable table, Clock clock) {
        this(table, clock, null);
    }

    /** A flow's run log: each finished run is also published as metrics of the flow (outcome, duration, counts). */
    public RunLog(StateTable table, Clock clock, JsonLog metrics) {
        this.table = table;
        this.clock = clock;
        this.metrics = metrics;
    }

    public Run start(String flow, String watermarkBefore) {
        Run run = new Run(flow, UUID.randomUUID().toString(), clock.instant(), watermarkBefore);
        table.put(run.item(RunStatus.RUNNING, null));
        return run;
    }

    /** A firing that did nothing because another run held the flow's lease: one item, so overlaps show in the log. */
    public RunRecord skipped(String flow, String why) {
        Run run = new Run(flow, UUID.randomUUID().toString(), clock.instant(), null);
        run.error(why);
        return run.finish(RunStatus.SKIPPED, null);
    }

    /** The latest runs of a flow, newest first. */
    public List<RunRecord> recent(String flow, int limit) {
        return table.query(Keys.run(flow), "", true, limit).stream().map(RunRecord::from).toList();
    }

    /** One run in progress: one invocation's, whose counts and errors may come from several of its threads. */
    public final class Run {
        private final String flow;
        private final String runId;
        private final Instant startedAt;
        private final String watermarkBefore;
        private final Map<String, Long> counts = new TreeMap<>();
        private final List<String> errors = new ArrayList<>();
        private long errorCount;

        private Run(String flow, String runId, Instant startedAt, String watermarkBefore) {
            this.flow = flow;
            this.runId = runId;
            this.startedAt = startedAt;
            this.watermarkBefore = watermarkBefore;
        }

        public String runId() {
            return runId;
        }

        /** Adds to the count of one entity and outcome, e.g. ("token", "renewed"). */
        public synchronized void count(String entity, String outcome, long n) {
            counts.merge(entity + "." + outcome, n, Long::sum);
        }

        /** Records an error; the first few are kept, masked (WinThor's messages can echo a CNPJ or e-mail), all counted. */
        public synchronized void error(String text) {
            errorCount++;
            if (errors.size() < MAX_ERRORS_KEPT) {
                errors.add(com.winthorvd.shared.log.Redactor.redact(text));
            }
        }

        public synchronized RunRecord finish(RunStatus status, String watermarkAfter) {
            Item item = item(status, watermarkAfter);
            table.put(item);
            RunRecord record = RunRecord.from(item);
            if (metrics != null) {
                publish(status, record);
            }
            return record;
        }

        /** Run{Status} 1 (an alarm counts COMPLETED and FAILED runs), its duration, and Records{Outcome} per entity. */
        private void publish(RunStatus status, RunRecord record) {
            metrics.metrics(Map.of(), Map.of(MetricNames.run(status.name()), 1, "RunDurationMs", record.durationMs()));
            Map<String, Map<String, Long>> byEntity = new TreeMap<>();
            counts.forEach((key, n) -> {
                int dot = key.indexOf('.');
                byEntity.computeIfAbsent(dot < 0 ? key : key.substring(0, dot), e -> new TreeMap<>())
                        .put(MetricNames.records(dot < 0 ? "counted" : key.substring(dot + 1)), n);
            });
            byEntity.forEach((entity, values) -> metrics.metrics(Map.of("Entity", entity), values));
        }

        private Item item(RunStatus status, String watermarkAfter) {
            Instant now = clock.instant();
            Item item = Item.key(Keys.run(flow), startedAt + "#" + runId)
                    .with("flow", flow).with("runId", runId).with("status", status.name())
                    .with("startedAt", startedAt.toString())
                    .with("watermarkBefore", watermarkBefore)
                    .with(Keys.TTL_ATTRIBUTE, now.plus(RETENTION).getEpochSecond())
                    .withMap("counts", counts)
                    .withList("errors", errors)
                    .with("errorCount", errorCount);
            if (status != RunStatus.RUNNING) {
                item.with("endedAt", now.toString())
                        .with("durationMs", Duration.between(startedAt, now).toMillis())
                        .with("watermarkAfter", watermarkAfter);
            }
            return item;
        }
    }
}
