package com.winthorvd.cli;

import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.cli.ops.BranchesOption;
import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.cli.ops.SidesOptions;
import com.winthorvd.cli.ops.StoreOptions;
import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.cli.ops.WinThorOptions;
import com.winthorvd.cli.ops.CatalogAdminCommand;
import com.winthorvd.shared.catalog.CatalogPlan;
import com.winthorvd.testkit.stack.LocalAws;
import com.winthorvd.shared.catalog.CatalogReport;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code catalog plan} (what a full sync would do, writing nothing) and {@code run catalog-sync} (one scan, then the
 * queue drained through the apply function), both on the local world: the demo distributor in the WinThor simulator,
 * the store simulator, and the template deployed on the local AWS (a real WTA or store where given).
 */
final class CatalogCommand {
    private final PrintStream out;
    private final Map<String, String> env;
    private final CatalogAdminCommand admin; // prints plans and counts the same way for every world

    CatalogCommand(PrintStream out, Map<String, String> env, CatalogAdminCommand admin) {
        this.out = out;
        this.env = env;
        this.admin = admin;
    }

    @Command(name = "plan", description = {"What a full catalog sync would do now (create, update, unchanged, deactivate, each rejection"
            + " with its reason and the WinThor routine to fix it, waits), writing nothing: on the local world;",
            "with --winthor-url, for a real WTA against a deployed stack's state (--table, AWS credentials from the environment) or"
            + " against an empty state (everything would be created); WINTHOR_PASSWORD, CATALOG_SCOPE, CATALOG_CLASSIFIER_MODE... from"
            + " the environment."})
    public final class PlanCommand implements Callable<Integer> {
        @Mixin DemoProducts products;
        @Mixin WinThorOptions winthor;
        @Mixin BranchesOption branches;
        @Option(names = "--table", paramLabel = "STATE_TABLE", description = "A deployed stack's state table, with --winthor-url.")
        String table;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (winthor.given() && table != null) {
                return admin.plan(winthor, branches.required(), table, json.on());
            }
            if (table != null) {
                throw new UsageException("--table needs --winthor-url: the plan of a deployed stack reads the distributor's WTA");
            }
            if (winthor.given()) { // a real WTA against an empty state: everything would be created
                try (LocalWorld world = RealSides.from(winthor, branches, new StoreOptions(), env).start(0)) {
                    admin.printPlan(admin.planAgainst(winthor, branches.required(), world.table), json.on());
                }
                return 0;
            }
            PrintStream console = System.out;
            CatalogPlan.Result result;
            try (LocalWorld world = LocalWorld.start(LocalAws.shared(), products.count())) {
                System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
                result = CatalogDriver.plan(world);
            } finally {
                System.setOut(console);
            }
            admin.printPlan(result, json.on());
            return 0;
        }
    }

    @Command(name = "catalog-sync", description = {"One catalog scan, then the queue drained through the apply function, on the local"
            + " world; prints counts per entity and exits 0 only if store and state match the demo data's manifest.",
            "With either side real (a real WTA into the store simulator, say; WINTHOR_PASSWORD, STORE_APP_TOKEN), state and queues on"
            + " the local AWS: exits 0 when the run completed with an empty DLQ."})
    public final class SyncCommand implements Callable<Integer> {
        @Option(names = "--full", description = "A full scan (else incremental from the watermarks).")
        boolean full;
        @Mixin DemoProducts products;
        @Mixin SidesOptions sidesOptions;
        @Mixin JsonOutput jsonOutput;

        @Override
        public Integer call() {
            RealSides sides = RealSides.from(sidesOptions, env);
            if (sides.any()) {
                return runAgainst(sides, full, jsonOutput.on());
            }
            boolean json = jsonOutput.on();
            PrintStream console = System.out;
            try (LocalWorld world = LocalWorld.start(LocalAws.shared(), products.count())) {
                System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
                long start = System.nanoTime();
                List<Map<?, ?>> runs = CatalogDriver.sync(world, full);
                Map<CatalogEntity, Map<String, Long>> counts = CatalogReport.counts(world.table);
                List<String> mismatches = CatalogDriver.mismatches(world, world.manifest);
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
                    admin.printCounts(counts);
                    out.println(mismatches.isEmpty() ? "store and state match the demo data's manifest record by record"
                            : mismatches.size() + " mismatch(es) with the manifest, first: " + mismatches.stream().limit(5).toList());
                }
                return mismatches.isEmpty() ? 0 : 1;
            } finally {
                System.setOut(console);
            }
        }
    }

    /**
     * One catalog sync with either side real (a real WTA into the store simulator, say), the state and queues on the
     * local AWS: the way to try a distributor's catalog before deploying. Passwords only from the environment
     * (WINTHOR_PASSWORD, STORE_APP_TOKEN).
     */
    private int runAgainst(RealSides sides, boolean full, boolean json) {
        String from = sides.winthor() != null ? sides.winthor().url() : "the WinThor simulator";
        String to = sides.store() != null ? sides.store().url() : "the store simulator";
        PrintStream console = System.out;
        try (LocalWorld world = sides.start(LocalWorld.DEMO_PRODUCTS)) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            List<Map<?, ?>> runs = CatalogDriver.sync(world, full);
            Map<CatalogEntity, Map<String, Long>> counts = CatalogReport.counts(world.table);
            int dead = world.runner.pendingOn("CatalogDeadLetterQueue");
            System.setOut(console);
            Map<?, ?> last = runs.get(runs.size() - 1);
            if (json) {
                out.println(Json.write(Map.of("lastScan", last, "counts", counts, "deadLetters", dead)));
            } else {
                out.println("catalog-sync from " + from + " into " + to + ": " + runs.size() + " scan invocation(s), last "
                        + last.get("status") + ", " + dead + " change(s) in the DLQ");
                admin.printCounts(counts);
            }
            return "COMPLETED".equals(last.get("status")) && dead == 0 ? 0 : 1;
        } finally {
            System.setOut(console);
        }
    }

}
