package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogPlan;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import com.winthorvd.shared.catalog.CatalogSettings;
import com.winthorvd.shared.catalog.ClassifierMode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The catalog commands that act on a deployed stack: {@code catalog plan --winthor-url ... --table T} (what a full
 * sync of a real WTA would do against the stack's state, writing nothing), {@code catalog reset} and {@code catalog
 * deactivate} (held deactivations). AWS credentials
 * and region come from the environment, passwords from the environment only.
 */
public final class CatalogAdminCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    public CatalogAdminCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    /** {@code catalog plan --winthor-url ... --table T}: against a deployed stack's state table. */
    public int plan(WinThorOptions winthor, List<String> branches, String table, boolean json) {
        printPlan(planAgainst(winthor, branches, StackTable.open(env, table)), json);
        return 0;
    }

    /**
     * The plan of a real WTA against a state table (a deployed stack's, or an empty local one), with the catalog
     * settings given as they are in the stack (CATALOG_* and STORE_SALES_CHANNELS from the environment).
     */
    public CatalogPlan.Result planAgainst(WinThorOptions winthor, List<String> branches, com.winthorvd.shared.state.StateTable table) {
        if (branches == null || branches.isEmpty()) {
            throw new UsageException("--branches is required with --winthor-url");
        }
        Map<String, String> settingsEnv = new LinkedHashMap<>(env);
        settingsEnv.put("WINTHOR_BRANCHES", String.join(",", branches));
        settingsEnv.put("CATALOG_QUEUE_URL", "(plan: nothing is queued)");
        com.winthorvd.shared.config.ConfigReader config = new com.winthorvd.shared.config.ConfigReader(
                com.winthorvd.shared.config.Env.of(settingsEnv));
        com.winthorvd.shared.catalog.CatalogSettings settings = com.winthorvd.shared.catalog.CatalogSettings.read(config);
        config.validate();
        var api = winthor.api(env, settings.pageSize());
        return new CatalogPlan(settings, api, new com.winthorvd.shared.catalog.CatalogState(table)).plan();
    }

    /** The plan as the implementer reads it (or one JSON object), whatever world it was made in. */
    public void printPlan(CatalogPlan.Result result, boolean json) {
        if (json) {
            out.println(Json.write(Map.of("counts", result.counts(), "lines", result.lines().stream().map(l -> Map.of(
                    "entity", l.entity().id(), "key", l.key(), "action", l.action().name(),
                    "reason", l.reason() == null ? "" : l.reason().name(), "message", l.message())).toList())));
            return;
        }
        out.println("Catalog plan (a full sync now; nothing is written):");
        printCounts(result.counts());
        out.println();
        out.println("What the implementer has to fix or knows about (" + result.lines().size() + "):");
        for (CatalogPlan.Line line : result.lines()) {
            out.printf("  %-10s %-12s %-13s %s%n", line.entity().id(), line.key(), line.action(), line.message());
        }
    }

    /**
     * {@code catalog reset}: records a new classifier mode and source in a deployed stack's state table and clears the
     * watermarks and any checkpoint, so the next scan re-reads and re-applies the whole catalog under the new mapping.
     * Uses the AWS credentials and region of the environment (AWS_REGION, a profile...).
     */
    @Command(name = "reset", description = {"Changes the locked classifier mode of a deployed stack: records the new mapping and clears"
            + " the watermarks, so the next scan re-applies the whole catalog (AWS credentials from the environment)."})
    public final class ResetCommand implements Callable<Integer> {
        @Option(names = "--table", required = true, paramLabel = "STATE_TABLE", description = "The stack's state table.")
        String table;
        @Option(names = "--mode", defaultValue = "DSC", paramLabel = "MODE",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        ClassifierMode mode;
        @Option(names = "--source", defaultValue = "ERP", paramLabel = "SOURCE",
                description = "${COMPLETION-CANDIDATES} (default ${DEFAULT-VALUE}).")
        CatalogSettings.ClassificationSource source;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            com.winthorvd.shared.catalog.CatalogScanService.reset(StackTable.open(env, table), mode, source, java.time.Clock.systemUTC());
            String message = "catalog mapping reset to " + mode + "/" + source + " in " + table
                    + ": set the stack parameters CatalogClassifierMode=" + mode + " and CatalogClassificationSource=" + source
                    + "; the next scan re-reads and re-applies every record";
            out.println(json.on() ? Json.write(Map.of("mode", mode, "source", source, "table", table, "message", message)) : message);
            return 0;
        }
    }

    public void printCounts(Map<CatalogEntity, Map<String, Long>> counts) {
        counts.forEach((entity, byOutcome) -> out.printf("  %-10s %s%n", entity.id(), byOutcome));
    }

    /**
     * {@code catalog deactivate --run <id> --table T --queue-url Q [--confirm]}: the deactivations a full run held back
     * (more than the limit at once); with --confirm they are queued for the apply function, once a person has checked
     * in WinThor that those records really left e-commerce. Without --run it lists every held run.
     */
    @Command(name = "deactivate", description = {"The deactivations a full run held back because they were more than one run may make"
            + " (CatalogDeactivationMaxPercent, CatalogDeactivationMinRecords).", "--confirm queues them, once WinThor shows those records"
            + " really left e-commerce (AWS credentials from the environment)."})
    public final class DeactivateCommand implements Callable<Integer> {
        @Option(names = "--table", required = true, paramLabel = "STATE_TABLE", description = "The stack's state table.")
        String table;
        @Option(names = "--run", paramLabel = "RUN_ID", description = "The held run (without it, every held run is listed).")
        String run;
        @Option(names = "--queue-url", paramLabel = "URL", description = "The stack's catalog queue (with --confirm).")
        String queueUrl;
        @Option(names = "--confirm", description = "Queue the run's held deactivations.")
        boolean confirm;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (confirm && queueUrl == null) {
                throw new UsageException("--confirm needs --queue-url <catalog queue url>");
            }
            var aws = new com.winthorvd.shared.aws.AwsClients(com.winthorvd.shared.config.Env.of(env));
            var state = StackTable.open(aws, table);
            var held = com.winthorvd.shared.catalog.CatalogScanService.held(state, run);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("held", held);
            if (held.isEmpty()) {
                return finish(json, report, run == null ? "no full run holds deactivations"
                        : "run " + run + " holds no deactivations (released already, or a later full run decided afresh)", run == null ? 0 : 1);
            }
            if (!json.on()) {
                for (var h : held) {
                    out.printf("run %s, %s: %d of %d synced records were not in the run (one run may deactivate %d), held since %s%n",
                            h.runId(), h.entity().id(), h.unseen(), h.synced(), h.allowed(), h.heldAt());
                }
            }
            if (run == null || !confirm) {
                return finish(json, report, "nothing deactivated: check in WinThor that these records left e-commerce, then run again with"
                        + " --run <id> --confirm", run == null ? 0 : 1);
            }
            var queue = com.winthorvd.shared.catalog.CatalogQueue.sqs(com.winthorvd.shared.queue.QueueSender.of(aws), queueUrl);
            var queued = com.winthorvd.shared.catalog.CatalogScanService.release(state, queue, run);
            report.put("queued", queued);
            return finish(json, report, "queued for deactivation: " + queued, 0);
        }
    }

    private int finish(JsonOutput json, Map<String, Object> report, String message, int exitCode) {
        if (json.on()) {
            report.put("message", message);
            out.println(Json.write(report));
        } else {
            out.println(message);
        }
        return exitCode;
    }
}
