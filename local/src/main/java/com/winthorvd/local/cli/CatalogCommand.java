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

    int plan(Args args) {
        boolean json = args.flag("json");
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.start(com.winthorvd.local.stack.LocalAws.shared(), products(args))) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            CatalogPlan.Result result = CatalogDriver.plan(world);
            System.setOut(console);
            if (json) {
                out.println(Json.write(Map.of("counts", result.counts(), "lines", result.lines().stream().map(l -> Map.of(
                        "entity", l.entity().id(), "key", l.key(), "action", l.action().name(),
                        "reason", l.reason() == null ? "" : l.reason().name(), "message", l.message())).toList())));
            } else {
                out.println("Catalog plan (a full sync now; nothing is written):");
                printCounts(result.counts());
                out.println();
                out.println("What the implementer has to fix or knows about (" + result.lines().size() + "):");
                for (CatalogPlan.Line line : result.lines()) {
                    out.printf("  %-10s %-12s %-13s %s%n", line.entity().id(), line.key(), line.action(), line.message());
                }
            }
            return 0;
        } finally {
            System.setOut(console);
        }
    }

    int runSync(Args args) {
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
