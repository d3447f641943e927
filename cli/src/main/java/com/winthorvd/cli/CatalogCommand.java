package com.winthorvd.cli;

import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.cli.ops.Args;
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

/**
 * {@code catalog plan} (what a full sync would do, writing nothing) and {@code run catalog-sync} (one scan, then the
 * queue drained through the apply function), both on the local world: the demo distributor in the WinThor simulator,
 * the store simulator, and the template deployed on the local AWS (a real WTA or store where given).
 */
final class CatalogCommand {
    private final PrintStream out;
    private final CatalogAdminCommand admin; // prints plans and counts the same way for every world

    CatalogCommand(PrintStream out) {
        this.out = out;
        this.admin = new CatalogAdminCommand(out);
    }

    int plan(Args args, Map<String, String> env) {
        if (args.option("winthor-url").isPresent() && args.option("table").isPresent()) {
            return admin.plan(args, env);
        }
        if (args.option("winthor-url").isPresent()) { // a real WTA against an empty state: everything would be created
            try (LocalWorld world = RealSides.from(args, env).start(0)) {
                admin.printPlan(admin.planAgainst(args, env, world.table), args.flag("json"));
            }
            return 0;
        }
        PrintStream console = System.out;
        CatalogPlan.Result result;
        try (LocalWorld world = LocalWorld.start(LocalAws.shared(), products(args))) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            result = CatalogDriver.plan(world);
        } finally {
            System.setOut(console);
        }
        admin.printPlan(result, args.flag("json"));
        return 0;
    }

    int runSync(Args args, Map<String, String> env) {
        RealSides sides = RealSides.from(args, env);
        if (sides.any()) {
            return runAgainst(sides, args);
        }
        boolean json = args.flag("json");
        boolean full = args.flag("full");
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.start(LocalAws.shared(), products(args))) {
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
                admin.printCounts(counts);
                out.println(mismatches.isEmpty() ? "store and state match the demo data's manifest record by record"
                        : mismatches.size() + " mismatch(es) with the manifest, first: " + mismatches.stream().limit(5).toList());
            }
            return mismatches.isEmpty() ? 0 : 1;
        } finally {
            System.setOut(console);
        }
    }

    /**
     * One catalog sync with either side real (a real WTA into the store simulator, say), the state and queues on the
     * local AWS: the way to try a distributor's catalog before deploying. Passwords only from the environment
     * (WINTHOR_PASSWORD, STORE_APP_TOKEN).
     */
    private int runAgainst(RealSides sides, Args args) {
        String from = sides.winthor() != null ? sides.winthor().url() : "the WinThor simulator";
        String to = sides.store() != null ? sides.store().url() : "the store simulator";
        PrintStream console = System.out;
        try (LocalWorld world = sides.start(LocalWorld.DEMO_PRODUCTS)) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            List<Map<?, ?>> runs = CatalogDriver.sync(world, args.flag("full"));
            Map<CatalogEntity, Map<String, Long>> counts = CatalogReport.counts(world.table);
            int dead = world.runner.pendingOn("CatalogDeadLetterQueue");
            System.setOut(console);
            Map<?, ?> last = runs.get(runs.size() - 1);
            if (args.flag("json")) {
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

    private static int products(Args args) {
        int products = Integer.parseInt(args.option("products").orElse(Integer.toString(LocalWorld.DEMO_PRODUCTS)));
        if (products < 1) {
            throw new Args.UsageException("--products must be at least 1");
        }
        return products;
    }
}
