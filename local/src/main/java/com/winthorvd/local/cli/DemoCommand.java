package com.winthorvd.local.cli;

import com.winthorvd.local.LocalWorld;
import com.winthorvd.local.PriceDriver;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.token.TokenRefreshService;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WtaCheck;
import com.winthorvd.shared.winthor.model.PriceItem;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * {@code demo}: runs every flow built so far on the local world and compares each result with what the demo
 * data says should happen. Grows with every flow.
 */
final class DemoCommand {
    private final PrintStream out;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private boolean json;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    int run(Args args) {
        json = args.flag("json");
        long start = System.nanoTime();
        progress("starting the local AWS (moto, ElasticMQ), the WinThor simulator and the runner...");
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.start();
             PrintStream functionLogs = functionLogs(world)) {
            // Functions log JSON to stdout as in Lambda; here that goes to a file, so the report stays readable.
            System.setOut(functionLogs);
            progress("stack " + world.deployment.stackName() + ", WinThor simulator at " + world.winthor.url());
            progress("function logs (JSON lines, as CloudWatch would show them): " + logFile(world));
            checkServices(world);
            tokenRefresh(world);
            catalog(world);
            stock(world);
            prices(world);
            List<RunRecord> runs = new RunLog(world.table, world.clock).recent(TokenRefreshService.FLOW, 10);
            boolean ok = steps.stream().allMatch(s -> Boolean.TRUE.equals(s.get("ok")));
            long seconds = Duration.ofNanos(System.nanoTime() - start).toSeconds();
            if (json) {
                Map<String, Object> report = new LinkedHashMap<>();
                report.put("ok", ok);
                report.put("steps", steps);
                report.put("runs", runs);
                report.put("seconds", seconds);
                report.put("functionLogs", logFile(world).toString());
                out.println(Json.write(report));
            } else {
                out.println();
                out.println("Run log (RUN#" + TokenRefreshService.FLOW + ", newest first):");
                for (RunRecord run : runs) {
                    out.printf("  %s  %-9s %4d ms  %s  token valid until %s%n", run.startedAt(), run.status(),
                            run.durationMs(), run.counts(), run.watermarkAfter());
                }
                long met = steps.stream().filter(s -> Boolean.TRUE.equals(s.get("ok"))).count();
                out.println();
                out.println("RESULT: " + met + "/" + steps.size() + " expectations met in " + seconds + " s"
                        + (ok ? "" : "  <-- DEMO FAILED"));
            }
            return ok ? 0 : 1;
        } finally {
            System.setOut(console);
        }
    }

    private static java.nio.file.Path logFile(LocalWorld world) {
        return LocalWorld.repoRoot().resolve("local/target/demo-" + world.deployment.stackName() + ".log");
    }

    private static PrintStream functionLogs(LocalWorld world) {
        try {
            java.nio.file.Files.createDirectories(logFile(world).getParent());
            return new PrintStream(java.nio.file.Files.newOutputStream(logFile(world)), true, java.nio.charset.StandardCharsets.UTF_8);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("cannot write the demo's function log: " + e.getMessage(), e);
        }
    }

    private void checkServices(LocalWorld world) {
        WinThorHttp http = new WinThorHttp(java.net.URI.create(world.winthor.url()), Duration.ofSeconds(5), Duration.ofSeconds(15), null);
        WtaCheck.Report report = new WtaCheck(http).run(LocalWorld.USER,
                List.of(new WtaCheck.LoginAttempt("upper", PasswordRule.UPPER.senha(LocalWorld.PASSWORD))),
                List.of(LocalWorld.BRANCHES.split(",")));
        long online = report.services().stream().filter(WtaCheck.ServiceStatus::online).count();
        expect("check: login and the 4 WTA services online, branches 1-3 exist",
                "login ok, 4/4 online, 0 branches missing",
                "login " + (report.login().ok() ? "ok" : "failed") + ", " + online + "/" + report.services().size()
                        + " online, " + report.branches().missing().size() + " branches missing",
                report.ok() && online == 4);
    }

    private void tokenRefresh(LocalWorld world) {
        int before = world.winthor.logins(); // the check above logged in too
        Map<?, ?> first = (Map<?, ?>) world.runner.fireSchedule("TokenRefreshFunction", "Refresh");
        expect("token refresh, first run: logs in once and stores the token",
                "renewed, 1 login", outcome(first) + ", " + (world.winthor.logins() - before) + " login(s)",
                "renewed".equals(outcome(first)) && world.winthor.logins() - before == 1);

        world.clock.advance(Duration.ofMinutes(15));
        Map<?, ?> second = (Map<?, ?>) world.runner.fireSchedule("TokenRefreshFunction", "Refresh");
        expect("token refresh, 15 min later: the token is still fresh, no login",
                "still_valid, no new login", outcome(second) + ", " + (world.winthor.logins() - before - 1) + " new login(s)",
                "still_valid".equals(outcome(second)) && world.winthor.logins() - before == 1);

        world.clock.advance(Duration.ofMinutes(80));
        Map<?, ?> third = (Map<?, ?>) world.runner.fireSchedule("TokenRefreshFunction", "Refresh");
        expect("token refresh, 95 min after the login (past 75% of 2 h): renewed before it expires",
                "renewed, 1 new login", outcome(third) + ", " + (world.winthor.logins() - before - 1) + " new login(s)",
                "renewed".equals(outcome(third)) && world.winthor.logins() - before == 2);
    }

    private void catalog(LocalWorld world) {
        progress("catalog: scanning WinThor (" + world.winthor.data().products.size() + " products) and applying to the store...");
        long start = System.nanoTime();
        List<Map<?, ?>> runs = com.winthorvd.local.CatalogDriver.sync(world, true);
        Map<?, ?> last = runs.get(runs.size() - 1);
        progress("catalog: " + runs.size() + " scan invocation(s), " + ((Map<?, ?>) last.get("counts")).entrySet().stream()
                .filter(e -> String.valueOf(e.getKey()).endsWith(".queued")).map(e -> e.getKey() + "=" + e.getValue()).toList()
                + ", applied in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        var counts = com.winthorvd.shared.catalog.CatalogReport.counts(world.table);
        counts.forEach((entity, byOutcome) -> progress(String.format("  %-10s %s", entity.id(), byOutcome)));
        List<String> mismatches = new ArrayList<>(com.winthorvd.local.CatalogDriver.stateMismatches(world, world.manifest));
        mismatches.addAll(com.winthorvd.local.CatalogDriver.storeMismatches(world, world.manifest));
        expect("catalog full sync: store and state match the demo data record by record (synced, or rejected with the right reason)",
                "0 mismatches", mismatches.size() + " mismatch(es)" + (mismatches.isEmpty() ? "" : ", first: " + mismatches.get(0)),
                mismatches.isEmpty());
        int before = world.store.totalRequests();
        com.winthorvd.local.CatalogDriver.sync(world, false);
        expect("catalog incremental rerun without changes: nothing sent to the store", "0 store calls",
                (world.store.totalRequests() - before) + " store call(s)", world.store.totalRequests() == before);
    }

    private void stock(LocalWorld world) {
        progress("stock: reading WinThor's available stock of branches " + LocalWorld.BRANCHES + " and setting the store's inventories...");
        Map<?, ?> first = com.winthorvd.local.StockDriver.sync(world, 1);
        List<String> mismatches = com.winthorvd.local.StockDriver.mismatches(world, world.manifest);
        expect("stock full load: every synced SKU's whole packs in each branch's warehouse, as the demo data says",
                world.manifest.stock().size() + " inventories, 0 mismatches", first.get("counts") + ", " + mismatches.size() + " mismatch(es)"
                        + (mismatches.isEmpty() ? "" : ", first: " + mismatches.get(0)), mismatches.isEmpty());
        var skus = com.winthorvd.local.CatalogDriver.byRef(world.store.skus());
        String sku = world.manifest.stock().keySet().iterator().next().split("@")[0];
        var packaging = world.winthor.data().packagings.get(sku + "@1");
        long packs = 25;
        world.winthor.data().stock.put(new com.winthorvd.shared.winthor.model.StockItem(sku, "1",
                java.math.BigDecimal.valueOf(packs * packaging.unitsPerPack()), packaging.unitsPerPack(), false,
                java.time.LocalDateTime.of(2026, 11, 30, 9, 0)));
        int before = world.store.totalRequests();
        com.winthorvd.local.StockDriver.sync(world, 1);
        long shown = world.store.inventory(skus.get(sku).path("Id").asLong(), "filial1").path("quantity").asLong();
        expect("stock change in WinThor (SKU " + sku + ", branch 1, " + packs + " packs) reaches the store on the next run",
                packs + " packs, 1 store call", shown + " packs, " + (world.store.totalRequests() - before) + " store call(s)",
                shown == packs && world.store.totalRequests() - before == 1);
    }

    private void prices(LocalWorld world) {
        progress("prices: reading every branch and region of WinThor's prices and publishing each SKU's price tables...");
        Map<?, ?> first = PriceDriver.sync(world, true, 2);
        List<String> mismatches = PriceDriver.mismatches(world, world.manifest);
        expect("price full load: base price and each (branch, region) table's fixed prices, offers and wholesale, as the demo data says",
                world.manifest.fixedPrices().size() + " price tables, " + world.manifest.rejectedPrices().size() + " zero price(s) rejected, 0 mismatches",
                first.get("counts") + ", " + mismatches.size() + " mismatch(es)" + (mismatches.isEmpty() ? "" : ", first: " + mismatches.get(0)),
                mismatches.isEmpty());
        world.manifest.rejectedPrices().forEach((key, expected) -> progress("    rejected " + key + ": "
                + expected.reason().message(expected.parameters())));
        String key = world.manifest.fixedPrices().keySet().stream().filter(k -> k.endsWith("@2@1")).findFirst().orElseThrow();
        String sku = key.split("@")[0];
        PriceItem row = world.winthor.data().prices.get(key);
        BigDecimal changed = row.price().add(new BigDecimal("1.11"));
        world.winthor.data().prices.put(new PriceItem(sku, row.productId(), "2", "1", changed, null, null, null, null, null));
        int before = world.store.totalRequests();
        PriceDriver.sync(world, true, 1);
        long id = com.winthorvd.local.CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        List<String> shown = PriceDriver.fixedPrices(world.store.price(id), "filial2-regiao1");
        List<String> wanted = List.of(com.winthorvd.local.data.Manifest.fixedPrice(changed, 1, null, null));
        int calls = world.store.totalRequests() - before;
        expect("price change in WinThor (SKU " + sku + ", branch 2, region 1: " + row.price() + " -> " + changed
                        + ") reaches table filial2-regiao1 on the next full read", wanted + ", 1 store call", shown + ", " + calls + " store call(s)",
                shown.equals(wanted) && calls == 1);
    }

    private static String outcome(Map<?, ?> result) {
        Map<?, ?> counts = (Map<?, ?>) result.get("counts");
        return counts.keySet().stream().map(String::valueOf).filter(k -> k.startsWith("token."))
                .map(k -> k.substring("token.".length())).findFirst().orElse("none");
    }

    private void expect(String name, String expected, String actual, boolean ok) {
        Map<String, Object> step = new LinkedHashMap<>();
        step.put("step", name);
        step.put("expected", expected);
        step.put("actual", actual);
        step.put("ok", ok);
        steps.add(step);
        if (!json) {
            out.printf("  [%s] %s%n         expected %s; got %s%n", ok ? " ok " : "FAIL", name, expected, actual);
        }
    }

    private void progress(String text) {
        if (!json) {
            out.println(text);
        }
    }
}
