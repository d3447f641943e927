package com.winthorvd.local.cli;

import com.winthorvd.local.CatalogDriver;
import com.winthorvd.local.LocalWorld;
import com.winthorvd.local.StockDriver;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code run stock-sync}: on the local world, the catalog synced first (a SKU must be in the store before its stock),
 * then one stock scan and the queue drained through the apply function; compared with the demo data's manifest.
 */
final class StockCommand {
    private final PrintStream out;

    StockCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        int products = Integer.parseInt(args.option("products").orElse(Integer.toString(LocalWorld.DEMO_PRODUCTS)));
        PrintStream console = System.out;
        Map<String, Object> report = new LinkedHashMap<>();
        try (LocalWorld world = LocalWorld.start(com.winthorvd.local.stack.LocalAws.shared(), products)) {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream()));
            CatalogDriver.sync(world, true);
            int before = world.store.totalRequests();
            long start = System.nanoTime();
            Map<?, ?> scan = StockDriver.sync(world, 1);
            report.put("scan", scan);
            report.put("storeCalls", world.store.totalRequests() - before);
            report.put("seconds", (System.nanoTime() - start) / 1_000_000_000.0);
            List<String> mismatches = StockDriver.mismatches(world, world.manifest);
            report.put("mismatchesWithManifest", mismatches);
            report.put("deadLetters", world.runner.pendingOn("StockDeadLetterQueue"));
        } finally {
            System.setOut(console);
        }
        boolean ok = ((List<?>) report.get("mismatchesWithManifest")).isEmpty();
        if (args.flag("json")) {
            out.println(Json.write(report));
        } else {
            out.println("stock-sync: " + ((Map<?, ?>) report.get("scan")).get("counts") + ", " + report.get("storeCalls")
                    + " store calls in " + report.get("seconds") + " s, " + report.get("deadLetters") + " in the DLQ");
            out.println(ok ? "every inventory matches the demo data's manifest" : "mismatches: " + report.get("mismatchesWithManifest"));
        }
        return ok ? 0 : 1;
    }
}
