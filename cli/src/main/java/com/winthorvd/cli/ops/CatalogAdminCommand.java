package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogPlan;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The catalog commands that act on a deployed stack: {@code catalog plan --winthor-url ... --table T} (what a full
 * sync of a real WTA would do against the stack's state, writing nothing), {@code catalog reset} and {@code catalog
 * deactivate} (held deactivations). AWS credentials
 * and region come from the environment, passwords from the environment only.
 */
public final class CatalogAdminCommand {
    private final PrintStream out;

    public CatalogAdminCommand(PrintStream out) {
        this.out = out;
    }

    /** {@code catalog plan --winthor-url ... --table T}: against a deployed stack's state table. */
    public int plan(Args args, Map<String, String> env) {
        String table = args.option("table").orElseThrow(() -> new Args.UsageException("--table <state table name> is required here"));
        printPlan(planAgainst(args, env, StackTable.open(env, table)), args.flag("json"));
        return 0;
    }

    /**
     * The plan of a real WTA against a state table (a deployed stack's, or an empty local one), with the catalog
     * settings given as they are in the stack (CATALOG_* and STORE_SALES_CHANNELS from the environment).
     */
    public CatalogPlan.Result planAgainst(Args args, Map<String, String> env, com.winthorvd.shared.state.StateTable table) {
        Map<String, String> settingsEnv = new LinkedHashMap<>(env);
        settingsEnv.put("WINTHOR_BRANCHES", WinThorArgs.required(args, "branches"));
        settingsEnv.put("CATALOG_QUEUE_URL", "(plan: nothing is queued)");
        com.winthorvd.shared.config.ConfigReader config = new com.winthorvd.shared.config.ConfigReader(
                com.winthorvd.shared.config.Env.of(settingsEnv));
        com.winthorvd.shared.catalog.CatalogSettings settings = com.winthorvd.shared.catalog.CatalogSettings.read(config);
        config.validate();
        var api = WinThorArgs.api(args, env, settings.pageSize());
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
    public int reset(Args args, java.util.Map<String, String> env) {
        String table = args.option("table").orElseThrow(() -> new Args.UsageException("catalog reset needs --table <state table name>"));
        com.winthorvd.shared.catalog.ClassifierMode mode;
        com.winthorvd.shared.catalog.CatalogSettings.ClassificationSource source;
        try {
            mode = com.winthorvd.shared.catalog.ClassifierMode.valueOf(args.option("mode").orElse("DSC").toUpperCase(java.util.Locale.ROOT));
            source = com.winthorvd.shared.catalog.CatalogSettings.ClassificationSource.valueOf(
                    args.option("source").orElse("ERP").toUpperCase(java.util.Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("--mode is one of DSC, DS, SC, DC and --source one of ERP, WEB");
        }
        com.winthorvd.shared.catalog.CatalogScanService.reset(StackTable.open(env, table), mode, source, java.time.Clock.systemUTC());
        out.println("catalog mapping reset to " + mode + "/" + source + " in " + table
                + ": set the stack parameters CatalogClassifierMode=" + mode + " and CatalogClassificationSource=" + source
                + "; the next scan re-reads and re-applies every record");
        return 0;
    }

    public void printCounts(Map<CatalogEntity, Map<String, Long>> counts) {
        counts.forEach((entity, byOutcome) -> out.printf("  %-10s %s%n", entity.id(), byOutcome));
    }

    /**
     * {@code catalog deactivate --run <id> --table T --queue-url Q [--confirm]}: the deactivations a full run held back
     * (more than the limit at once); with --confirm they are queued for the apply function, once a person has checked
     * in WinThor that those records really left e-commerce. Without --run it lists every held run.
     */
    public int deactivate(Args args, Map<String, String> env) {
        String table = args.option("table").orElseThrow(() -> new Args.UsageException("catalog deactivate needs --table <state table name>"));
        var aws = new com.winthorvd.shared.aws.AwsClients(com.winthorvd.shared.config.Env.of(env));
        var state = StackTable.open(aws, table);
        String run = args.option("run").orElse(null);
        var held = com.winthorvd.shared.catalog.CatalogScanService.held(state, run);
        if (held.isEmpty()) {
            out.println(run == null ? "no full run holds deactivations" : "run " + run + " holds no deactivations (released already, or a later full run decided afresh)");
            return run == null ? 0 : 1;
        }
        for (var h : held) {
            out.printf("run %s, %s: %d of %d synced records were not in the run (one run may deactivate %d), held since %s%n",
                    h.runId(), h.entity().id(), h.unseen(), h.synced(), h.allowed(), h.heldAt());
        }
        if (run == null || !args.flag("confirm")) {
            out.println("nothing deactivated: check in WinThor that these records left e-commerce, then run again with --run <id> --confirm");
            return run == null ? 0 : 1;
        }
        String queueUrl = args.option("queue-url").orElseThrow(() -> new Args.UsageException("--confirm needs --queue-url <catalog queue url>"));
        var queue = com.winthorvd.shared.catalog.CatalogQueue.sqs(com.winthorvd.shared.queue.QueueSender.of(aws), queueUrl);
        var queued = com.winthorvd.shared.catalog.CatalogScanService.release(state, queue, run);
        out.println("queued for deactivation: " + queued);
        return 0;
    }
}
