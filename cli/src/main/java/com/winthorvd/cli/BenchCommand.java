package com.winthorvd.cli;

import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.cli.ops.UsageException;
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
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code bench}: benchmarks that print figures (never timed unit tests). */
final class BenchCommand {
    private final PrintStream out;

    BenchCommand(PrintStream out) {
        this.out = out;
    }

    /** The store's pace of a benchmark: see {@link Pace}. */
    enum StorePace { PRODUCTION, UNPACED }

    @Command(name = "cold-start", description = {"The token-refresh function's cold start: fresh JVMs running its shaded jar against the"
            + " local stack, from process start to the first response (median, min, max)."})
    public final class ColdStartCommand implements Callable<Integer> {
        @Option(names = "--runs", defaultValue = "10", paramLabel = "N", description = "Fresh JVMs (default ${DEFAULT-VALUE}).")
        int runs;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (runs < 1) {
                throw new UsageException("--runs must be at least 1");
            }
            try (LocalWorld world = LocalWorld.start()) {
                ColdStart.Result result = ColdStart.run(world, "TokenRefreshFunction", "events/token-refresh-scheduled.json", runs);
                boolean ok = result.responses().stream().allMatch(r -> r.contains("status=COMPLETED"));
                if (json.on()) {
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
    }

    @Command(name = "catalog", description = {"Catalog full sync (records/s, store, DynamoDB and SQS calls, peak heap), reruns without"
            + " change (store calls must be 0), a 1%% change run (store calls per changed product), and the scan alone in a fresh JVM with"
            + " -Xmx128m at each --heap-products size (peak heap)."})
    public final class CatalogBenchCommand implements Callable<Integer> {
        @Option(names = "--products", defaultValue = "2000", paramLabel = "N", description = "Products (default ${DEFAULT-VALUE}).")
        int products;
        @Option(names = "--heap-products", defaultValue = "10000,100000", split = ",", paramLabel = "N",
                description = "The scan's heap at each size (default ${DEFAULT-VALUE}).")
        List<Integer> heaps;
        @Option(names = "--appliers", defaultValue = "0", paramLabel = "N", description = "Concurrent apply invocations (default:"
                + " the template's CatalogApplyConcurrency).")
        int appliers;
        @Mixin Pace pace;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (appliers == 1 || appliers < 0) {
                throw new UsageException("--appliers: at least 2, the template's CatalogApplyConcurrency MinValue (got " + appliers + ")");
            }
            return report(json, pace, console -> {
                Map<String, Object> report = CatalogBench.run(products, appliers, heaps, pace.conditions(), console);
                Map<?, ?> full = (Map<?, ?>) report.get("fullSync");
                Map<?, ?> rerun = (Map<?, ?>) report.get("noChangeIncremental");
                Map<?, ?> fullRerun = (Map<?, ?>) report.get("noChangeFull");
                report.put("ok", ((Number) rerun.get("storeCalls")).longValue() == 0 && ((Number) fullRerun.get("storeCalls")).longValue() == 0
                        && ((Number) full.get("mismatchesWithManifest")).intValue() == 0 && ((Number) full.get("deadLetters")).intValue() == 0);
                return report;
            });
        }
    }

    @Command(name = "stock", description = {"From a store seeded with the demo catalog: full load (rows/s), rerun without change (store"
            + " calls must be 0), 1%% change (store calls per changed row, target 1.0), and the lag from a change in WinThor to the store"
            + " with the scan fired every --schedule-seconds (median, worst)."})
    public final class StockBenchCommand implements Callable<Integer> {
        @Option(names = "--rows", defaultValue = "20000", paramLabel = "N", description = "SKU x branch rows (default ${DEFAULT-VALUE}).")
        int rows;
        @Mixin ValuesOptions options;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            return values(ValuesBench.STOCK, Math.max(10, rows / 6), options, json);
        }
    }

    @Command(name = "price", description = {"The same for prices (each SKU priced in 3 branches x 2 regions)."})
    public final class PriceBenchCommand implements Callable<Integer> {
        @Option(names = "--skus", defaultValue = "3000", paramLabel = "N", description = "SKUs (default ${DEFAULT-VALUE}).")
        int skus;
        @Mixin ValuesOptions options;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            return values(ValuesBench.PRICE, Math.max(10, skus / 2), options, json);
        }
    }

    /** The options bench stock and bench price share. */
    static final class ValuesOptions {
        @Option(names = "--lag-samples", defaultValue = "10", paramLabel = "N", description = "Changes timed for the lag (default ${DEFAULT-VALUE}).")
        int samples;
        @Option(names = "--schedule-seconds", defaultValue = "60", paramLabel = "S", description = "The scan's period (default ${DEFAULT-VALUE}).")
        long scheduleSeconds;
        @Option(names = "--appliers", defaultValue = "8", paramLabel = "N", description = "Concurrent apply invocations (default"
                + " ${DEFAULT-VALUE}, the template's).")
        int appliers;
        @Mixin Pace pace;
    }

    /** {@code products}: of the demo data, which has about 6 SKU x branch rows and 2 SKUs per product. */
    private int values(ValuesBench.Flow flow, int products, ValuesOptions options, JsonOutput json) {
        return report(json, options.pace, console -> ValuesBench.run(flow, products, options.appliers, options.samples,
                java.time.Duration.ofSeconds(options.scheduleSeconds), options.pace.conditions(), console));
    }

    @Command(name = "orders", description = {"Store orders end to end (hook, webhook, FIFO queue, push, WinThor), --faults of them with"
            + " one fault each (dropped or repeated hook, wrong secret, malformed call, WinThor 500, timeout, reset, lost answer, revoked"
            + " token, store 500, new buyer, unknown SKU, unmapped payment, two customers, cancellation before and after the push); each"
            + " order checked against what it must become.", "Prints duplicates and lost (must be 0), rejected by reason, DLQ, webhook"
            + " response p50/p99, hook-to-WinThor p50/p99 and the webhook's cold start (fresh JVM to first 200, median)."})
    public final class OrdersBenchCommand implements Callable<Integer> {
        @Option(names = "--orders", defaultValue = "1000", paramLabel = "N", description = "Orders (default ${DEFAULT-VALUE}).")
        int orders;
        @Option(names = "--faults", defaultValue = "0.2", paramLabel = "SHARE",
                description = "Share with a fault, 0 to 1 (default ${DEFAULT-VALUE}).")
        double faults;
        @Option(names = "--per-second", defaultValue = "5", paramLabel = "R", description = "Placing rate (default ${DEFAULT-VALUE}).")
        double perSecond;
        @Option(names = "--pollers", defaultValue = "4", paramLabel = "N", description = "Push concurrency (default ${DEFAULT-VALUE}).")
        int pollers;
        @Option(names = "--cold-start-runs", defaultValue = "10", paramLabel = "N",
                description = "Webhook cold starts (default ${DEFAULT-VALUE}).")
        int coldStartRuns;
        @Mixin Pace pace;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (orders < 1 || faults < 0 || faults > 1) {
                throw new UsageException("--orders must be at least 1 and --faults between 0 and 1");
            }
            return report(json, pace, console -> com.winthorvd.bench.OrderBench.run(orders, faults, perSecond, pollers, coldStartRuns,
                    pace.conditions(), console));
        }
    }

    /** The store's pace, AWS's prices and where the functions' logs go, as every benchmark of the store's flows takes them. */
    static final class Pace {
        @Option(names = "--store-pace", defaultValue = "PRODUCTION", paramLabel = "PACE", description = {"production (the default: the"
                + " store account's limits, as --store-limits or the template's StoreRateLimits give them, shared by the functions'"
                + " containers and enforced by the store simulator for all callers together) or unpaced (a high budget and a store"
                + " without limits: the pipeline's own speed)."})
        StorePace pace;
        @Option(names = "--store-limits", paramLabel = "GROUP=PER_SECOND,...", description = {"The store account's limits in place of the"
                + " template's defaults for the groups named, e.g. logistics=500,pricing-write=400: scaled up, a large size runs in less"
                + " time and its efficiency (floor / time) stays comparable."})
        String limits;
        @Option(names = "--store-account-limits", paramLabel = "GROUP=PER_SECOND,...", description = {"The limits the store simulator"
                + " enforces where they are not the functions' (--store-limits or the template's StoreRateLimits): a StoreRateLimits"
                + " set above the store account's real limits, which the functions must find in the store's Ratelimit headers."})
        String accountLimits;
        @Option(names = "--aws-prices", paramLabel = "NAME=USD,...", description = {"AWS list prices in place of us-east-1's of"
                + " 2026-12-01 (lambda-gb-second, lambda-million-requests, dynamodb-million-write-units, dynamodb-million-read-units,"
                + " sqs-million-requests)."})
        String awsPrices;
        @Option(names = "--store-latency-ms", defaultValue = "0", paramLabel = "MS", description = {"Added to every answer of the"
                + " store simulator (default ${DEFAULT-VALUE}): VTEX answers in tens to hundreds of milliseconds, loopback in one."})
        long storeLatencyMillis;
        @Option(names = "--function-logs", paramLabel = "FILE", description = {"Writes the functions' JSON logs to FILE (left out:"
                + " discarded), to see what held up a slow record."})
        java.nio.file.Path functionLogs;

        private Map<String, String> parameters() {
            if (pace == StorePace.UNPACED) {
                if (limits != null) {
                    throw new UsageException("--store-limits sets the production pace's limits: leave out --store-pace unpaced");
                }
                return Map.of();
            }
            try {
                Map<com.winthorvd.shared.store.RateLimits.Group, Double> rates = new java.util.EnumMap<>(
                        com.winthorvd.shared.store.RateLimits.parse(LocalWorld.productionStoreRates().get("StoreRateLimits")));
                if (limits != null) {
                    rates.putAll(com.winthorvd.shared.store.RateLimits.parse(limits)); // the groups and rates the functions accept
                }
                return Map.of("StoreRateLimits", com.winthorvd.shared.store.RateLimits.format(rates));
            } catch (IllegalArgumentException e) {
                throw new UsageException("--store-limits: " + e.getMessage());
            }
        }

        /** The benchmark's conditions: the store's pace and latency, AWS's prices. */
        com.winthorvd.bench.Conditions conditions() {
            if (storeLatencyMillis < 0) {
                throw new UsageException("--store-latency-ms cannot be negative");
            }
            if (accountLimits != null && pace == StorePace.UNPACED) {
                throw new UsageException("--store-account-limits sets the production pace's store: leave out --store-pace unpaced");
            }
            try {
                return new com.winthorvd.bench.Conditions(parameters(), java.time.Duration.ofMillis(storeLatencyMillis), prices(), accountLimits);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--store-account-limits: " + e.getMessage());
            }
        }

        private com.winthorvd.bench.AwsPrices prices() {
            try {
                return com.winthorvd.bench.AwsPrices.US_EAST_1.with(awsPrices);
            } catch (IllegalArgumentException e) {
                throw new UsageException("--aws-prices: " + e.getMessage());
            }
        }
    }

    /**
     * Runs a benchmark with the functions' JSON logs silenced or in --function-logs, printing its progress and then its
     * report (or JSON).
     */
    private int report(JsonOutput json, Pace pace, java.util.function.Function<java.util.function.Consumer<String>, Map<String, Object>> bench) {
        PrintStream console = System.out;
        Map<String, Object> report;
        try (PrintStream logs = pace.functionLogs == null ? new PrintStream(java.io.OutputStream.nullOutputStream())
                : new PrintStream(java.nio.file.Files.newOutputStream(pace.functionLogs), false, java.nio.charset.StandardCharsets.UTF_8)) {
            System.setOut(logs);
            report = bench.apply(line -> {
                if (!json.on()) {
                    console.println(line);
                }
            });
        } catch (java.io.IOException e) {
            throw new UsageException("--function-logs: " + e.getMessage());
        } finally {
            System.setOut(console);
        }
        if (json.on()) {
            out.println(Json.write(report));
        } else {
            report.forEach((k, v) -> out.println("  " + k + ": " + v));
        }
        return Boolean.TRUE.equals(report.get("ok")) ? 0 : 1;
    }

    @Command(name = "simulators", description = "Demo data generation time, WinThor list pages of 500 items, single writes to each simulator.")
    public final class SimulatorsCommand implements Callable<Integer> {
        @Option(names = "--products", defaultValue = "100000", paramLabel = "N", description = "Products (default ${DEFAULT-VALUE}).")
        int products;
        @Option(names = "--writes", defaultValue = "2000", paramLabel = "N", description = "Writes to each (default ${DEFAULT-VALUE}).")
        int writes;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            SimulatorBench.Result r = SimulatorBench.run(products, writes);
            if (json.on()) {
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
}
