package com.winthorvd.cli;

import com.winthorvd.cli.ops.Args;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.bench.CatalogBench;
import com.winthorvd.bench.ColdStart;
import com.winthorvd.bench.SimulatorBench;
import com.winthorvd.bench.ValuesBench;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** {@code bench}: benchmarks that print figures (never timed unit tests). */
final class BenchCommand {
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        String which = args.positionals().isEmpty() ? "" : args.positionals().get(0);
        if (which.equals("simulators")) {
            return simulators(args);
        }
        if (which.equals("catalog")) {
            return catalog(args);
        }
        if (which.equals("stock") || which.equals("price")) {
            return values(which, args);
        }
        if (which.equals("orders")) {
            return orders(args);
        }
        if (!which.equals("cold-start")) {
            throw new Args.UsageException("bench needs one of: cold-start, simulators, catalog, stock, price, orders");
        }
        int runs = Integer.parseInt(args.option("runs").orElse("10"));
        if (runs < 1) {
            throw new Args.UsageException("--runs must be at least 1");
        }
        try (LocalWorld world = LocalWorld.start()) {
            ColdStart.Result result = ColdStart.run(world, "TokenRefreshFunction", "events/token-refresh-scheduled.json", runs);
            boolean ok = result.responses().stream().allMatch(r -> r.contains("status=COMPLETED"));
            if (args.flag("json")) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("function", result.function());
                report.put("jarBytes", result.jarBytes());
                report.put("runs", runs);
                report.put("wallMillisMedian", result.median(result.wallMillis()));
                report.put("jvmMillisMedian", result.median(result.jvmMillis()));
                report.put("wallMillis", result.wallMillis());
                report.put("jvmMillis", result.jvmMillis());
                report.put("ok", ok);
                out.println(Json.write(report));
            } else {
                out.printf("cold start of %s (shaded jar %.1f MiB), %d fresh JVMs, each: config, table, lease, secret, WinThor login, write%n",
                        result.function(), result.jarBytes() / 1048576.0, runs);
                out.printf("  process start -> first response: median %d ms (min %d, max %d)%n", result.median(result.wallMillis()),
                        result.wallMillis().stream().min(Long::compare).orElseThrow(), result.wallMillis().stream().max(Long::compare).orElseThrow());
                out.printf("  JVM start -> first response:     median %d ms%n", result.median(result.jvmMillis()));
                out.println("  all responses COMPLETED: " + ok);
            }
            return ok ? 0 : 1;
        }
    }

    private int catalog(Args args) {
        int products = Integer.parseInt(args.option("products").orElse("2000"));
        List<Integer> heaps = java.util.Arrays.stream(args.option("heap-products").orElse("10000,100000").split(","))
                .map(String::trim).filter(s -> !s.isEmpty()).map(Integer::parseInt).toList();
        return report(args, console -> {
            Map<String, Object> report = CatalogBench.run(products, heaps, storePace(args), console);
            Map<?, ?> rerun = (Map<?, ?>) report.get("noChangeIncremental");
            Map<?, ?> fullRerun = (Map<?, ?>) report.get("noChangeFull");
            report.put("ok", ((Number) rerun.get("storeCalls")).longValue() == 0 && ((Number) fullRerun.get("storeCalls")).longValue() == 0);
            return report;
        });
    }

    /**
     * {@code bench stock --rows N} (SKU x branch rows; the demo data has about 6 per product) and {@code bench price
     * --skus N} (about 2 SKUs per product, each priced in 3 branches x 2 regions).
     */
    private int values(String which, Args args) {
        boolean stock = which.equals("stock");
        int size = Integer.parseInt(args.option(stock ? "rows" : "skus").orElse(stock ? "20000" : "3000"));
        int products = Math.max(10, stock ? size / 6 : size / 2);
        int samples = Integer.parseInt(args.option("lag-samples").orElse("10"));
        int appliers = Integer.parseInt(args.option("appliers").orElse("4"));
        java.time.Duration schedule = java.time.Duration.ofSeconds(Long.parseLong(args.option("schedule-seconds").orElse("60")));
        return report(args, console -> ValuesBench.run(stock ? ValuesBench.STOCK : ValuesBench.PRICE, products, appliers, samples, schedule,
                storePace(args), console));
    }

    /**
     * {@code bench orders --orders N --faults 0.2}: N orders end to end with that share given one fault each; also
     * {@code --per-second} (placing rate), {@code --pollers} (push concurrency), {@code --cold-start-runs}.
     */
    private int orders(Args args) {
        int orders = Integer.parseInt(args.option("orders").orElse("1000"));
        double faults = Double.parseDouble(args.option("faults").orElse("0.2"));
        if (orders < 1 || faults < 0 || faults > 1) {
            throw new Args.UsageException("--orders must be at least 1 and --faults between 0 and 1");
        }
        double perSecond = Double.parseDouble(args.option("per-second").orElse("5"));
        int pollers = Integer.parseInt(args.option("pollers").orElse("4"));
        int coldStartRuns = Integer.parseInt(args.option("cold-start-runs").orElse("10"));
        return report(args, console -> com.winthorvd.bench.OrderBench.run(orders, faults, perSecond, pollers, coldStartRuns,
                storePace(args), console));
    }

    /**
     * {@code --store-pace production} (the default: the store client at the template's StoreRateLimits, as deployed)
     * or {@code unpaced} (the local world's high budget, to see what the pipeline does without the store's limits).
     */
    private static Map<String, String> storePace(Args args) {
        String pace = args.option("store-pace").orElse("production");
        return switch (pace) {
            case "production" -> LocalWorld.productionStoreRates();
            case "unpaced" -> Map.of();
            default -> throw new Args.UsageException("--store-pace must be production or unpaced");
        };
    }

    /** Runs a benchmark with the functions' JSON logs silenced, printing its progress and then its report (or JSON). */
    private int report(Args args, java.util.function.Function<java.util.function.Consumer<String>, Map<String, Object>> bench) {
        PrintStream console = System.out;
        Map<String, Object> report;
        try {
            System.setOut(new PrintStream(java.io.OutputStream.nullOutputStream())); // the functions' JSON logs
            report = bench.apply(line -> {
                if (!args.flag("json")) {
                    console.println(line);
                }
            });
        } finally {
            System.setOut(console);
        }
        if (args.flag("json")) {
            out.println(Json.write(report));
        } else {
            report.forEach((k, v) -> out.println("  " + k + ": " + v));
        }
        return Boolean.TRUE.equals(report.get("ok")) ? 0 : 1;
    }

    private int simulators(Args args) {
        int products = Integer.parseInt(args.option("products").orElse("100000"));
        int writes = Integer.parseInt(args.option("writes").orElse("2000"));
        SimulatorBench.Result r = SimulatorBench.run(products, writes);
        if (args.flag("json")) {
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("products", r.products());
            report.put("generationMillis", r.generationMillis());
            report.put("records", r.records());
            report.put("pagesOf500", r.pages());
            report.put("pagesPerSecond", Math.round(r.pagesPerSecond() * 10) / 10.0);
            report.put("winthorWritesPerSecond", Math.round(r.winthorWritesPerSecond()));
            report.put("storeWritesPerSecond", Math.round(r.storeWritesPerSecond()));
            report.put("storeWritesPerSecondWithoutContractCheck", Math.round(r.storeWritesPerSecondUnchecked()));
            report.put("contractChecked", r.contractChecked());
            out.println(Json.write(report));
        } else {
            out.printf("simulators, one run on this machine (%d writer threads):%n", SimulatorBench.WRITERS);
            out.printf("  generate %,d products (%,d records with packagings, stock, prices, customers): %,d ms%n",
                    r.products(), r.records(), r.generationMillis());
            out.printf("  WinThor list, pages of 500 products: %d pages in %,d ms = %.1f pages/s (%,.0f items/s)%n",
                    r.pages(), r.pageMillis(), r.pagesPerSecond(), r.pagesPerSecond() * 500);
            out.printf("  WinThor single writes (order create): %,d in %,d ms = %,.0f/s%n", r.winthorWrites(), r.winthorWriteMillis(), r.winthorWritesPerSecond());
            out.printf("  store single writes (inventory PUT%s): %,d in %,d ms = %,.0f/s%n",
                    r.contractChecked() ? ", each validated against the VTEX spec" : ", no contract check", r.storeWrites(), r.storeWriteMillis(), r.storeWritesPerSecond());
            out.printf("  store single writes, contract check off: %,.0f/s (%.1fx)%n", r.storeWritesPerSecondUnchecked(),
                    r.storeWritesPerSecondUnchecked() / Math.max(0.001, r.storeWritesPerSecond()));
        }
        return 0;
    }
}
