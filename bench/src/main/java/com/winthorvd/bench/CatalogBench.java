package com.winthorvd.bench;

import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAws;
import com.winthorvd.shared.winthor.model.Product;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The catalog flow's figures, side by side in one run on the local stack: a full sync (records applied per second,
 * store calls, DynamoDB and SQS calls, the peak heap of this JVM, which also holds both simulators), a rerun with no
 * change (incremental and full), a 1% change run (store calls per changed product), and the scan alone in a fresh
 * JVM limited to -Xmx128m at each catalog size asked (its peak heap must stay flat as the catalog grows).
 */
public final class CatalogBench {
    private CatalogBench() {
    }

    /**
     * @param appliers   the apply's containers (the template's CatalogApplyConcurrency, which also divides the store's
     *                   limit among them); 0 keeps the template's
     * @param conditions the store's pace (no StoreRateLimits: the local world's unpaced budget) and latency, and what
     *                   the counts cost on AWS
     */
    public static Map<String, Object> run(int products, int appliers, List<Integer> heapSizes, Conditions conditions,
                                          Consumer<String> progress) {
        Map<String, Object> report = new LinkedHashMap<>();
        AwsPrices prices = conditions.prices();
        report.put("products", products);
        report.putAll(conditions.describe());
        Map<String, String> own = appliers > 0 ? Map.of("CatalogApplyConcurrency", Integer.toString(appliers)) : Map.of();
        try (LocalWorld world = conditions.start(products, own)) {
            int containers = world.runner.maximumConcurrency(CatalogDriver.APPLY); // as many containers as Lambda would run
            report.put("appliers", containers);
            Map<String, Double> limits = new java.util.TreeMap<>();
            world.store.limits().forEach((group, limit) -> limits.put(group, limit[0]));
            report.put("storeLimitsPerSecond", limits.isEmpty() ? "none (unpaced)" : limits);
            progress.accept("full sync of " + products + " products...");
            Measure.Step full = Measure.step(world, prices, () -> CatalogDriver.sync(world, true, containers));
            long applied = full.queued();
            Map<String, Object> fullFigures = new LinkedHashMap<>();
            fullFigures.put("recordsApplied", applied);
            fullFigures.put("recordsPerSecond", Math.round(applied / Math.max(0.001, full.seconds())));
            fullFigures.put("perRecord", full.perRecord(applied));
            fullFigures.putAll(full.againstLimits(world.store.limits()));
            progress.accept("comparing the store and the state with the generator's ground truth, record by record...");
            List<String> mismatches = CatalogDriver.mismatches(world, world.manifest);
            fullFigures.put("mismatchesWithManifest", mismatches.size());
            if (!mismatches.isEmpty()) {
                fullFigures.put("firstMismatches", mismatches.stream().limit(5).toList());
            }
            fullFigures.put("deadLetters", world.runner.pendingOn("CatalogDeadLetterQueue"));
            report.put("fullSync", full.figures(fullFigures));

            progress.accept("incremental rerun without changes...");
            Measure.Step incremental = Measure.step(world, prices, () -> CatalogDriver.sync(world, false, containers));
            report.put("noChangeIncremental", incremental.figures(Map.of("timeRatioToFullSync", Measure.ratio(incremental.seconds(), full.seconds()))));
            progress.accept("full rerun without changes...");
            Measure.Step fullAgain = Measure.step(world, prices, () -> CatalogDriver.sync(world, true, containers));
            report.put("noChangeFull", fullAgain.figures(Map.of("timeRatioToFullSync", Measure.ratio(fullAgain.seconds(), full.seconds()))));

            int changed = Math.max(1, products / 100);
            LocalDateTime at = LocalDateTime.of(2026, 11, 30, 9, 0);
            int done = 0;
            for (Product p : world.winthor.data().products.all()) {
                if (done == changed) {
                    break;
                }
                if (world.manifest.expected("product", Long.toString(p.id())).outcome() == com.winthorvd.testkit.data.Manifest.Outcome.SYNCED) {
                    world.winthor.data().products.put(new Product(p.id(), p.name() + " V2", p.description(), p.departmentId(), p.sectionId(),
                            p.categoryId(), p.brandId(), p.supplierId(), p.active(), p.sentToEcommerce(), p.showWithoutStock(),
                            p.webDepartmentId(), p.webSectionId(), p.webCategoryId(), p.grossWeightKg(), p.netWeightKg(), at));
                    done++;
                }
            }
            progress.accept("1% change run (" + done + " products renamed)...");
            Measure.Step onePercent = Measure.step(world, prices, () -> CatalogDriver.sync(world, false, containers));
            report.put("onePercentChange", onePercent.figures(Map.of("changedProducts", done,
                    "storeCallsPerChangedProduct", Measure.ratio(onePercent.storeCalls(), done))));
        }
        List<Map<String, Object>> heaps = new ArrayList<>();
        for (int size : heapSizes) {
            progress.accept("scan alone of " + size + " products in a fresh JVM with -Xmx128m...");
            try (LocalWorld world = LocalWorld.start(LocalAws.shared(), size)) {
                long start = System.nanoTime();
                ColdStart.Result result = ColdStart.run(world, CatalogDriver.SCAN, "events/catalog-scan-full.json", 1,
                        List.of("-Xmx128m"), Duration.ofMinutes(60));
                Map<String, Object> heap = new LinkedHashMap<>();
                heap.put("products", size);
                heap.put("peakHeapMiB", Measure.mib(result.peakHeapBytes().get(0)));
                heap.put("seconds", Measure.seconds(System.nanoTime() - start));
                java.util.regex.Matcher status = java.util.regex.Pattern.compile("status=(\\w+)").matcher(result.responses().get(0));
                heap.put("status", status.find() ? status.group(1) : result.responses().get(0));
                heaps.add(heap);
            }
        }
        report.put("scanHeapXmx128m", heaps);
        return report;
    }
}
