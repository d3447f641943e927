package com.winthorvd.bench;

import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.data.DemoData;
import com.winthorvd.testkit.sim.StoreSimulator;
import com.winthorvd.testkit.sim.WinThorSimulator;
import com.winthorvd.shared.store.RateLimits;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.VtexStore;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.OrderRequest;
import com.winthorvd.shared.winthor.model.Packaging;
import java.math.BigDecimal;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.IntConsumer;

/**
 * What the simulators can carry on this machine, so the benchmarks of the flows know the simulators are not their
 * bottleneck: demo data generation time, WinThor list pages of 500 items, and single writes to each simulator
 * (WinThor order creates; store inventory PUTs, each checked against the VTEX contract when it is present).
 */
public final class SimulatorBench {
    public static final int WRITERS = 4;

    public record Result(int products, long generationMillis, long records, int pages, long pageMillis,
                         int winthorWrites, long winthorWriteMillis, int storeWrites, long storeWriteMillis, boolean contractChecked,
                         long storeWriteMillisUnchecked) {
        public double pagesPerSecond() {
            return pages * 1000.0 / Math.max(1, pageMillis);
        }

        public double winthorWritesPerSecond() {
            return winthorWrites * 1000.0 / Math.max(1, winthorWriteMillis);
        }

        public double storeWritesPerSecond() {
            return storeWrites * 1000.0 / Math.max(1, storeWriteMillis);
        }

        public double storeWritesPerSecondUnchecked() {
            return storeWrites * 1000.0 / Math.max(1, storeWriteMillisUnchecked);
        }
    }

    private SimulatorBench() {
    }

    public static Result run(int products, int writes) {
        MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
        try (WinThorSimulator winthor = new WinThorSimulator(clock).user("BENCH", "bench").tokenLifetime(Duration.ofDays(1));
             StoreSimulator store = new StoreSimulator(RepoRoot.find(), clock)) {
            long start = System.nanoTime();
            DemoData.generate(winthor.data(), products, LocalWorld.SEED);
            long generation = (System.nanoTime() - start) / 1_000_000;
            long records = (long) winthor.data().products.size() + winthor.data().packagings.size() + winthor.data().stock.size()
                    + winthor.data().prices.size() + winthor.data().customers.size();

            WinThorHttp http = new WinThorHttp(URI.create(winthor.url()), Duration.ofSeconds(5), Duration.ofSeconds(30), null);
            String token = new WinThorLogin(http).login("BENCH", PasswordRule.UPPER.senha("bench"));
            WinThorApi api = new WinThorApi(new WinThorClient(http, TokenSource.fixed(token)), 500);
            long before = http.calls();
            start = System.nanoTime();
            api.products(null).forEachRemaining(p -> { });
            long pageMillis = (System.nanoTime() - start) / 1_000_000;
            int pages = (int) (http.calls() - before);

            Customer customer = winthor.data().customers.all().get(0);
            List<Packaging> skus = winthor.data().packagings.all().stream().filter(p -> p.branchId().equals("1") && !p.soldByWeight()).toList();
            long winthorMillis = timed(writes, i -> api.createOrder(new OrderRequest("1", customer.id(), 1, "D", 1, "R", java.time.LocalDateTime.of(2026, 11, 30, 9, 0), null, null, true,
                    "BENCH-" + i, "bench", List.of(new OrderRequest.Item(skus.get(i % skus.size()).skuKey(),
                    BigDecimal.valueOf(skus.get(i % skus.size()).unitsPerPack()), new BigDecimal("10.00"), "1", 1)))));

            // The client's own token buckets would cap this at the store's published limits: lift them to measure the simulator.
            Map<RateLimits.Group, Double> unlimited = new java.util.EnumMap<>(RateLimits.Group.class);
            for (RateLimits.Group group : RateLimits.Group.values()) {
                unlimited.put(group, 1_000_000.0);
            }
            VtexStore client = store.client(new RateLimits(unlimited, System::nanoTime, com.winthorvd.shared.util.Sleeper.REAL));
            long sku = seedSku(client);
            client.createWarehouse(new StorePort.Warehouse("filial-1", "Filial 1"));
            long storeMillis = timed(writes, i -> client.setInventory(sku, "filial-1", new StorePort.Inventory(i, false, Duration.ZERO)));
            if (!store.violations().isEmpty()) {
                throw new IllegalStateException("contract violations during the benchmark: " + store.violations());
            }
            boolean checked = store.validatesContract();
            store.checkContract(false);
            long uncheckedMillis = timed(writes, i -> client.setInventory(sku, "filial-1", new StorePort.Inventory(i, false, Duration.ZERO)));
            return new Result(products, generation, records, pages, pageMillis, writes, winthorMillis, writes, storeMillis,
                    checked, uncheckedMillis);
        }
    }

    private static long seedSku(VtexStore client) {
        long department = client.createCategory(new StorePort.CategoryInput("BENCH", null, true));
        client.createBrand(new StorePort.BrandInput(1, "BENCH", true));
        long product = client.createProduct(new StorePort.ProductInput("BENCH-1", "BENCH", null, department, 1, true, true, false));
        return client.createSku(new StorePort.SkuInput(product, "BENCH-1", "BENCH", 1, "un", BigDecimal.ONE, BigDecimal.ONE,
                BigDecimal.ONE, BigDecimal.ONE, true));
    }

    /** Runs {@code count} calls on {@link #WRITERS} threads; the wall time in ms. */
    private static long timed(int count, IntConsumer call) {
        ExecutorService pool = Executors.newFixedThreadPool(WRITERS);
        try {
            long start = System.nanoTime();
            List<Future<?>> futures = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                int n = i;
                futures.add(pool.submit(() -> call.accept(n)));
            }
            for (Future<?> future : futures) {
                future.get();
            }
            return (System.nanoTime() - start) / 1_000_000;
        } catch (Exception e) {
            throw new IllegalStateException("benchmark call failed: " + e.getMessage(), e);
        } finally {
            pool.shutdownNow();
        }
    }
}
