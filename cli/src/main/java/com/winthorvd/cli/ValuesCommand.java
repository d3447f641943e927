package com.winthorvd.cli;

import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.bench.ValuesBench;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

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

    /** {@code run stock-sync} or {@code run price-sync}: one command for either flow, named for it by {@link #names}. */
    @Command
    public final class SyncCommand implements Callable<Integer> {
        private final ValuesBench.Flow flow;
        @Mixin DemoProducts products;
        @Mixin JsonOutput json;

        SyncCommand(ValuesBench.Flow flow) {
            this.flow = flow;
        }

        @Override
        public Integer call() {
            return run(flow, products.count(), json.on());
        }
    }

    /** Each flow's command name and what it does. */
    static Map<ValuesBench.Flow, String[]> names() {
        return Map.of(ValuesBench.STOCK, new String[] {"stock-sync", "On the local world: the catalog synced, then one stock scan and"
                + " the queue drained through the apply function; exits 0 only if every inventory matches the demo data's manifest."},
                ValuesBench.PRICE, new String[] {"price-sync", "The same for prices: the catalog synced, one full price scan, the FIFO"
                + " queue drained; exits 0 only if every base and fixed price (offers, wholesale) matches the manifest."});
    }

    private int run(ValuesBench.Flow flow, int products, boolean json) {
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
        if (json) {
            out.println(Json.write(report));
        } else {
            out.println(flow.name() + ": " + ((Map<?, ?>) report.get("scan")).get("counts") + ", " + report.get("storeCalls")
                    + " store calls in " + report.get("seconds") + " s, " + report.get("deadLetters") + " in the DLQ");
            out.println(ok ? "every " + flow.values() + " matches the demo data's manifest" : "mismatches: " + report.get("mismatchesWithManifest"));
        }
        return ok ? 0 : 1;
    }
}
