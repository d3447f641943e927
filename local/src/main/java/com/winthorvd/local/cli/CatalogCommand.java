package com.winthorvd.local.cli;

import com.winthorvd.local.CatalogDriver;
import com.winthorvd.local.LocalWorld;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogPlan;
import com.winthorvd.shared.catalog.CatalogReport;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code catalog plan} (what a full sync would do, writing nothing) and {@code run catalog-sync} (one scan, then the
 * queue drained through the apply function), both on the local world: the demo distributor in the WinThor simulator,
 * the store simulator, and the template deployed on the local AWS.
 */
final class CatalogCommand {
    private final PrintStream out;

    CatalogCommand(PrintStream out) {
        this.out = out;
    }

    int plan(Args args, Map<String, String> env) {
        if (args.option("winthor-url").isPresent()) {
            printPlan(planAgainst(args, env), args.flag("json"));
            return 0;
        }
        PrintStream console = System.out;
        CatalogPlan.Result result;
        try (LocalWorld world = LocalWorld.start(com.winthorvd.local.stack.LocalAws.shared(), products(args))) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            result = CatalogDriver.plan(world);
        } finally {
            System.setOut(console);
        }
        printPlan(result, args.flag("json"));
        return 0;
    }

    /**
     * The plan of a real WTA against a deployed stack's state table (AWS credentials from the environment), with the
     * catalog settings given as they are in the stack (CATALOG_* and STORE_SALES_CHANNELS from the environment).
     */
    private CatalogPlan.Result planAgainst(Args args, Map<String, String> env) {
        String password = env.get("WINTHOR_PASSWORD");
        if (password == null) {
            throw new Args.UsageException("set WINTHOR_PASSWORD in the environment (never on the command line)");
        }
        String table = args.option("table").orElseThrow(() -> new Args.UsageException("--table <state table name> is required with --winthor-url"));
        Map<String, String> settingsEnv = new LinkedHashMap<>(env);
        settingsEnv.put("WINTHOR_BRANCHES", required(args, "branches"));
        settingsEnv.put("CATALOG_QUEUE_URL", "(plan: nothing is queued)");
        com.winthorvd.shared.config.ConfigReader config = new com.winthorvd.shared.config.ConfigReader(
                com.winthorvd.shared.config.Env.of(settingsEnv));
        com.winthorvd.shared.catalog.CatalogSettings settings = com.winthorvd.shared.catalog.CatalogSettings.read(config);
        config.validate();
        var http = new com.winthorvd.shared.winthor.WinThorHttp(java.net.URI.create(required(args, "winthor-url")),
                Duration.ofSeconds(5), Duration.ofSeconds(60), null);
        var rule = "asTyped".equalsIgnoreCase(env.getOrDefault("WINTHOR_PASSWORD_CASE", "upper"))
                ? com.winthorvd.shared.winthor.PasswordRule.AS_TYPED : com.winthorvd.shared.winthor.PasswordRule.UPPER;
        String token = new com.winthorvd.shared.winthor.WinThorLogin(http).login(required(args, "user"), rule.senha(password));
        var api = new com.winthorvd.shared.winthor.WinThorApi(new com.winthorvd.shared.winthor.WinThorClient(http,
                com.winthorvd.shared.winthor.TokenSource.fixed(token)), settings.pageSize());
        var aws = new com.winthorvd.shared.aws.AwsClients(com.winthorvd.shared.config.Env.of(env));
        var dynamo = aws.configure(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(),
                com.winthorvd.shared.aws.AwsClients.ENDPOINT_DYNAMODB).build();
        return new CatalogPlan(settings, api, new com.winthorvd.shared.catalog.CatalogState(
                new com.winthorvd.shared.state.StateTable(dynamo, table, com.winthorvd.shared.util.Sleeper.REAL))).plan();
    }

    private void printPlan(CatalogPlan.Result result, boolean json) {
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

    int runSync(Args args, Map<String, String> env) {
        if (args.option("winthor-url").isPresent() || args.option("store-url").isPresent()) {
            return runAgainst(args, env);
        }
        boolean json = args.flag("json");
        boolean full = args.flag("full");
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.start(com.winthorvd.local.stack.LocalAws.shared(), products(args))) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            long start = System.nanoTime();
            List<Map<?, ?>> runs = CatalogDriver.sync(world, full);
            Map<CatalogEntity, Map<String, Long>> counts = CatalogReport.counts(world.table);
            List<String> mismatches = CatalogDriver.stateMismatches(world, world.manifest);
            mismatches.addAll(CatalogDriver.storeMismatches(world, world.manifest));
            System.setOut(console);
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("scanInvocations", runs.size());
            report.put("lastScan", runs.get(runs.size() - 1));
            report.put("counts", counts);
            report.put("mismatchesWithManifest", mismatches);
            report.put("seconds", Duration.ofNanos(System.nanoTime() - start).toSeconds());
            if (json) {
                out.println(Json.write(report));
            } else {
                out.println("catalog-sync: " + runs.size() + " scan invocation(s), last " + runs.get(runs.size() - 1).get("status")
                        + ", " + report.get("seconds") + " s");
                printCounts(counts);
                out.println(mismatches.isEmpty() ? "store and state match the demo data's manifest record by record"
                        : mismatches.size() + " mismatch(es) with the manifest, first: " + mismatches.stream().limit(5).toList());
            }
            return mismatches.isEmpty() ? 0 : 1;
        } finally {
            System.setOut(console);
        }
    }

    /**
     * {@code catalog reset}: records a new classifier mode and source in a deployed stack's state table and clears the
     * watermarks and any checkpoint, so the next scan re-reads and re-applies the whole catalog under the new mapping.
     * Uses the AWS credentials and region of the environment (AWS_REGION, a profile...).
     */
    int reset(Args args, java.util.Map<String, String> env) {
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
        var aws = new com.winthorvd.shared.aws.AwsClients(com.winthorvd.shared.config.Env.of(env));
        var dynamo = aws.configure(software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(),
                com.winthorvd.shared.aws.AwsClients.ENDPOINT_DYNAMODB).build();
        com.winthorvd.shared.catalog.CatalogScanService.reset(new com.winthorvd.shared.state.StateTable(dynamo, table,
                com.winthorvd.shared.util.Sleeper.REAL), mode, source, java.time.Clock.systemUTC());
        out.println("catalog mapping reset to " + mode + "/" + source + " in " + table
                + ": set the stack parameters CatalogClassifierMode=" + mode + " and CatalogClassificationSource=" + source
                + "; the next scan re-reads and re-applies every record");
        return 0;
    }

    /**
     * One catalog sync from a real WTA into a real store, with the state and queues on the local AWS: the way to try a
     * distributor's catalog before deploying. Passwords only from the environment (WINTHOR_PASSWORD, STORE_APP_TOKEN).
     */
    private int runAgainst(Args args, Map<String, String> env) {
        String winthorUrl = required(args, "winthor-url");
        String storeUrl = required(args, "store-url");
        String password = env.get("WINTHOR_PASSWORD");
        String appToken = env.get("STORE_APP_TOKEN");
        if (password == null || appToken == null) {
            throw new Args.UsageException("set WINTHOR_PASSWORD and STORE_APP_TOKEN in the environment (never on the command line)");
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("WinThorUrl", winthorUrl);
        parameters.put("WinThorUser", required(args, "user"));
        parameters.put("WinThorBranches", required(args, "branches"));
        parameters.put("StoreUrl", storeUrl);
        parameters.put("StorePricingUrl", args.option("store-pricing-url").orElse(storeUrl));
        parameters.put("StoreAppKey", required(args, "app-key"));
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.connect(com.winthorvd.local.stack.LocalAws.shared(), parameters, password, appToken)) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            List<Map<?, ?>> runs = CatalogDriver.sync(world, args.flag("full"));
            Map<CatalogEntity, Map<String, Long>> counts = CatalogReport.counts(world.table);
            int dead = world.runner.pendingOn("CatalogDeadLetterQueue");
            System.setOut(console);
            Map<?, ?> last = runs.get(runs.size() - 1);
            if (args.flag("json")) {
                out.println(Json.write(Map.of("lastScan", last, "counts", counts, "deadLetters", dead)));
            } else {
                out.println("catalog-sync against " + winthorUrl + " -> " + storeUrl + ": " + runs.size() + " scan invocation(s), last "
                        + last.get("status") + ", " + dead + " change(s) in the DLQ");
                printCounts(counts);
            }
            return "COMPLETED".equals(last.get("status")) && dead == 0 ? 0 : 1;
        } finally {
            System.setOut(console);
        }
    }

    private static String required(Args args, String option) {
        return args.option(option).orElseThrow(() -> new Args.UsageException("--" + option + " is required with --winthor-url/--store-url"));
    }

    void printCounts(Map<CatalogEntity, Map<String, Long>> counts) {
        counts.forEach((entity, byOutcome) -> out.printf("  %-10s %s%n", entity.id(), byOutcome));
    }

    private static int products(Args args) {
        int products = Integer.parseInt(args.option("products").orElse(Integer.toString(LocalWorld.DEMO_PRODUCTS)));
        if (products < 1) {
            throw new Args.UsageException("--products must be at least 1");
        }
        return products;
    }
}
