package com.winthorvd.cli;

import com.winthorvd.cli.ops.Args;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.bench.ValuesBench;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run stock-sync} and {@code run price-sync}: on the local world, the catalog synced first (a SKU must be in
 * the store before its stock or price), then one scan and its queue drained through the apply function; compared
 * with the demo data's manifest.
 */
final class ValuesCommand {
    private final PrintStream out;

    ValuesCommand(PrintStream out) {
        this.out = out;
    }

    int run(ValuesBench.Flow flow, Args args) {
        int products = Integer.parseInt(args.option("products").orElse(Integer.toString(LocalWorld.DEMO_PRODUCTS)));
        PrintStream console = System.out;
        Map<String, Object> report = new LinkedHashMap<>();
        try (LocalWorld world = LocalWorld.start(com.winthorvd.testkit.stack.LocalAws.shared(), products)) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            CatalogDriver.sync(world, true);
            int before = world.store.totalRequests();
            long start = System.nanoTime();
            report.put("scan", flow.sync().apply(world, 1));
            report.put("storeCalls", world.store.totalRequests() - before);
            report.put("seconds", (System.nanoTime() - start) / 1_000_000_000.0);
            report.put("mismatchesWithManifest", flow.mismatches().apply(world, world.manifest));
            report.put("deadLetters", world.runner.pendingOn(flow.deadLetters()));
        } finally {
            System.setOut(console);
        }
        boolean ok = ((List<?>) report.get("mismatchesWithManifest")).isEmpty();
        if (args.flag("json")) {
            out.println(Json.write(report));
        } else {
            out.println(flow.name() + ": " + ((Map<?, ?>) report.get("scan")).get("counts") + ", " + report.get("storeCalls")
                    + " store calls in " + report.get("seconds") + " s, " + report.get("deadLetters") + " in the DLQ");
            out.println(ok ? "every " + flow.values() + " matches the demo data's manifest" : "mismatches: " + report.get("mismatchesWithManifest"));
        }
        return ok ? 0 : 1;
    }
}
