package com.winthorvd.bench;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.PriceDriver;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.StockItem;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.BooleanSupplier;
import java.util.function.ToIntFunction;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The stock and price flows' figures, each side by side in one run on the local stack, from a store that already has
 * the catalog (seeded, not synced: the catalog is not what is measured): the full load (rows applied per second),
 * a rerun without change (store calls must be 0), a 1% change run (store calls per changed row, target 1.0), and the
 * lag from a change in the WinThor simulator to the store with the scan fired on a fixed schedule (median, worst).
 */
public final class ValuesBench {
    /** How a benchmark changes one published row in WinThor and sees it land in the store. */
    interface Change {
        /** Changes the {@code index}-th published row to a value never used before; true once the store shows it. */
        BooleanSupplier make(LocalWorld world, int index);
    }

    /**
     * One of the flows that publish values of SKUs already in the store, as `run stock-sync|price-sync` and the
     * benchmarks drive it: one scan and its queue drained, compared with the manifest.
     */
    public record Flow(String name, String values, BiFunction<LocalWorld, Integer, List<Map<?, ?>>> sync,
                       BiFunction<LocalWorld, Manifest, List<String>> mismatches, ToIntFunction<Manifest> publishedRows,
                       String deadLetters, String storeGroup, String concurrencyParameter, Change change) {
    }

    private static final AtomicInteger FRESH = new AtomicInteger(1);

    public static final Flow STOCK = new Flow("stock-sync", "inventory", StockDriver::sync, StockDriver::mismatches,
            manifest -> manifest.stock().size(), "StockDeadLetterQueue", "logistics", "StockApplyConcurrency", (world, index) -> {
                String key = new ArrayList<>(world.manifest.stock().keySet()).get(index);
                String[] skuAtBranch = key.split("@");
                int perPack = world.winthor.data().packagings.get(key).unitsPerPack();
                long packs = 5_000 + FRESH.getAndIncrement();
                world.winthor.data().stock.put(new StockItem(skuAtBranch[0], skuAtBranch[1], BigDecimal.valueOf(packs * perPack), perPack,
                        false, world.winthor.winthorNow()));
                long id = com.winthorvd.testkit.CatalogDriver.byRef(world.store.skus()).get(skuAtBranch[0]).path("Id").asLong();
                return () -> {
                    var level = world.store.inventory(id, "filial" + skuAtBranch[1]);
                    return level != null && level.path("quantity").asLong() == packs;
                };
            });

    public static final Flow PRICE = new Flow("price-sync", "price", (world, appliers) -> PriceDriver.sync(world, true, appliers),
            PriceDriver::mismatches, manifest -> manifest.fixedPrices().size(), "PriceDeadLetterQueue", "pricing-write", "PriceApplyConcurrency",
            (world, index) -> {
                String key = new ArrayList<>(world.manifest.fixedPrices().keySet()).get(index);
                PriceItem row = world.winthor.data().prices.get(key);
                BigDecimal price = BigDecimal.valueOf(100_000 + FRESH.getAndIncrement(), 2);
                world.winthor.data().prices.put(new PriceItem(row.skuKey(), row.productId(), row.branchId(), row.regionId(), price,
                        null, null, null, null, null));
                long id = com.winthorvd.testkit.CatalogDriver.byRef(world.store.skus()).get(row.skuKey()).path("Id").asLong();
                String table = "filial" + row.branchId() + "-regiao" + row.regionId();
                String expected = Manifest.fixedPrice(price, 1, null, null);
                return () -> {
                    var stored = world.store.price(id);
                    return stored != null && PriceDriver.fixedPrices(stored, table).equals(List.of(expected));
                };
            });

    private ValuesBench() {
    }

    /**
     * @param products demo products to generate (each has 1 to 3 packagings in 3 branches and 2 price regions)
     * @param lagSamples changes made at random moments while the schedule runs
     * @param schedule the schedule's period (1 minute, as deployed)
     * @param conditions the store's limits (StoreRateLimits: the account's, which the store simulator then enforces
     *                   for all callers; none: the local world's unpaced budget and a store without limits), its latency,
     *                   and what the counts cost on AWS
     */
    public static Map<String, Object> run(Flow flow, int products, int concurrency, int lagSamples, Duration schedule,
                                          Conditions conditions, java.util.function.Consumer<String> progress) {
        Map<String, Object> report = new LinkedHashMap<>();
        AwsPrices prices = conditions.prices();
        // The template's MaximumConcurrency, which is also how many containers share the store's limit.
        Map<String, String> own = concurrency >= 2 ? Map.of(flow.concurrencyParameter(), Integer.toString(concurrency)) : Map.of();
        try (LocalWorld world = conditions.start(products, own)) {
            int skus = seedCatalog(world);
            int rows = flow.publishedRows().applyAsInt(world.manifest);
            report.put("products", products);
            report.put("skusInStore", skus);
            report.put("rowsToPublish", rows);
            report.put("appliers", concurrency);
            report.putAll(conditions.describe());
            double[] limit = world.store.limits().get(flow.storeGroup());
            report.put("storeLimit", limit == null ? "none (unpaced)" : Map.of("group", flow.storeGroup(), "perSecond", limit[0], "burstCredits", limit[1]));

            progress.accept(flow.name() + ": full load of " + rows + " rows (" + skus + " SKUs in the store)...");
            Measure.Step full = Measure.step(world, prices, () -> flow.sync().apply(world, concurrency));
            List<String> mismatches = flow.mismatches().apply(world, world.manifest);
            Map<String, Object> fullFigures = new LinkedHashMap<>();
            fullFigures.put("rowsPerSecond", Math.round(rows / Math.max(0.001, full.seconds())));
            fullFigures.put("storeCallsPerSku", Measure.ratio(full.storeCalls(), skus));
            fullFigures.put("perRow", full.perRecord(rows));
            fullFigures.putAll(full.againstLimits(world.store.limits()));
            fullFigures.put("mismatchesWithManifest", mismatches.size());
            fullFigures.put("deadLetters", world.runner.pendingOn(flow.deadLetters()));
            report.put("fullLoad", full.figures(fullFigures));

            progress.accept(flow.name() + ": rerun without changes...");
            Measure.Step same = Measure.step(world, prices, () -> flow.sync().apply(world, concurrency));
            report.put("noChangeRerun", same.figures(Map.of("timeRatioToFullLoad", Measure.ratio(same.seconds(), full.seconds()))));

            int changed = Math.max(1, rows / 100);
            progress.accept(flow.name() + ": 1% change run (" + changed + " rows changed in WinThor)...");
            List<BooleanSupplier> landed = new ArrayList<>();
            for (int i = 0; i < changed; i++) {
                landed.add(flow.change().make(world, i));
            }
            Measure.Step onePercent = Measure.step(world, prices, () -> flow.sync().apply(world, concurrency));
            long arrived = landed.stream().filter(BooleanSupplier::getAsBoolean).count();
            report.put("onePercentChange", onePercent.figures(Map.of("changedRows", changed, "changesInStore", arrived,
                    "storeCallsPerChangedRow", Measure.ratio(onePercent.storeCalls(), changed),
                    "timeRatioToFullLoad", Measure.ratio(onePercent.seconds(), full.seconds()))));

            progress.accept(flow.name() + ": lag, " + lagSamples + " changes at random moments, scan every " + schedule.toSeconds() + " s...");
            report.put("lag", lag(world, flow, concurrency, lagSamples, schedule, Math.max(changed, rows / 2)));
            report.put("ok", mismatches.isEmpty() && same.storeCalls() == 0 && arrived == changed
                    && ((Map<?, ?>) report.get("lag")).get("lost").equals(0));
        }
        return report;
    }

    /** Puts every SKU the manifest expects synced into the store and the state, as the catalog flow would have. */
    static int seedCatalog(LocalWorld world) {
        List<WriteRequest> writes = new ArrayList<>();
        int seeded = 0;
        for (Map.Entry<String, Manifest.Expected> sku : world.manifest.records(CatalogEntity.SKU.id()).entrySet()) {
            if (sku.getValue().outcome() != Manifest.Outcome.SYNCED) {
                continue;
            }
            String ref = sku.getKey();
            long id = world.store.seedSku(ref, Long.parseLong(ref.substring(ref.lastIndexOf('-') + 1)));
            writes.add(WriteRequest.builder().putRequest(PutRequest.builder().item(Map.of(
                    "pk", AttributeValue.fromS(Keys.map(CatalogEntity.SKU.id(), ref)), "sk", AttributeValue.fromS(Keys.ONE),
                    "status", AttributeValue.fromS("SYNCED"), "storeId", AttributeValue.fromS(Long.toString(id)))).build()).build());
            seeded++;
        }
        var dynamo = world.deployment.aws().dynamo();
        for (int i = 0; i < writes.size(); i += 25) {
            Map<String, List<WriteRequest>> batch = Map.of(world.table.tableName(), writes.subList(i, Math.min(writes.size(), i + 25)));
            while (!batch.isEmpty()) {
                final Map<String, List<WriteRequest>> request = batch;
                batch = dynamo.batchWriteItem(b -> b.requestItems(request)).unprocessedItems();
            }
        }
        return seeded;
    }

    /**
     * The schedule fires the scan every {@code schedule} (its queue drained after each firing) while changes are made
     * at random moments, each on a row of its own; a change's lag is from the moment it is made in WinThor to the
     * moment the store shows it.
     */
    static Map<String, Object> lag(LocalWorld world, Flow flow, int concurrency, int samples, Duration schedule, int firstRow) {
        AtomicBoolean stop = new AtomicBoolean();
        Thread scheduler = new Thread(() -> {
            long next = System.nanoTime();
            while (!stop.get()) {
                flow.sync().apply(world, concurrency);
                next += schedule.toNanos();
                long wait = next - System.nanoTime();
                if (wait > 0) {
                    try {
                        Thread.sleep(wait / 1_000_000, (int) (wait % 1_000_000));
                    } catch (InterruptedException e) {
                        return;
                    }
                }
            }
        }, "schedule-" + flow.name());
        scheduler.setDaemon(true);
        scheduler.start();
        SplittableRandom random = new SplittableRandom(20261130L);
        long begin = System.nanoTime();
        List<Long> changeAt = new ArrayList<>();
        long at = 0;
        for (int i = 0; i < samples; i++) {
            at += random.nextLong(schedule.toNanos());
            changeAt.add(at);
        }
        List<BooleanSupplier> landed = new ArrayList<>();
        List<Long> madeAt = new ArrayList<>();
        List<Long> lags = new ArrayList<>();
        List<Boolean> done = new ArrayList<>();
        long deadline = at + schedule.toNanos() * 6;
        try {
            while (lags.size() < samples && System.nanoTime() - begin < deadline) {
                long now = System.nanoTime() - begin;
                if (landed.size() < samples && now >= changeAt.get(landed.size())) {
                    landed.add(flow.change().make(world, firstRow + landed.size()));
                    madeAt.add(System.nanoTime());
                    done.add(false);
                }
                for (int i = 0; i < landed.size(); i++) {
                    if (!done.get(i) && landed.get(i).getAsBoolean()) {
                        done.set(i, true);
                        lags.add(System.nanoTime() - madeAt.get(i));
                    }
                }
                Thread.sleep(50);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            stop.set(true);
        }
        try {
            scheduler.join(Duration.ofMinutes(10).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        List<Double> seconds = lags.stream().sorted().map(Measure::seconds).toList();
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("scheduleSeconds", schedule.toSeconds());
        out.put("samples", samples);
        out.put("lost", samples - lags.size());
        out.put("medianSeconds", seconds.isEmpty() ? null : seconds.get(seconds.size() / 2));
        out.put("worstSeconds", seconds.isEmpty() ? null : seconds.get(seconds.size() - 1));
        out.put("allSeconds", seconds);
        return out;
    }
}
