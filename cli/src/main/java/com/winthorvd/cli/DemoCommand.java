package com.winthorvd.cli;

import com.winthorvd.cli.ops.JsonOutput;
import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.OrderDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.testkit.PriceDriver;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.token.TokenRefreshService;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WtaCheck;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.PriceItem;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code demo}: runs every flow built so far on the local world and compares each result with what the demo
 * data says should happen. Grows with every flow.
 */
@Command(name = "demo", description = {"The whole integration locally (local AWS, simulators, runner); exits 0 only if every result"
        + " matches what the demo data says should happen."})
final class DemoCommand implements Callable<Integer> {
    private final PrintStream out;
    private final List<Map<String, Object>> steps = new ArrayList<>();
    private boolean json;

    DemoCommand(PrintStream out) {
        this.out = out;
    }

    @Mixin JsonOutput jsonOutput;

    @Override
    public Integer call() {
        json = jsonOutput.on();
        long start = System.nanoTime();
        progress("starting the local AWS (dynalite, ElasticMQ, Secrets Manager), the WinThor simulator and the runner...");
        PrintStream console = System.out;
        try (LocalWorld world = LocalWorld.start();
             PrintStream functionLogs = functionLogs(world)) {
            // Functions log JSON to stdout as in Lambda; here that goes to a file, so the report stays readable.
            System.setOut(functionLogs);
            progress("stack " + world.deployment.stackName() + ", WinThor simulator at " + world.winthor.url());
            progress("function logs (JSON lines, as CloudWatch would show them): " + logFile(world));
            world.deployment.aws().gate().ifPresent(gate -> gate.watch(world.deployment.functionAccessKeys()));
            checkServices(world);
            tokenRefresh(world);
            catalog(world);
            stock(world);
            prices(world);
            List<String> pushed = orders(world);
            invoicesAndCancellations(world, pushed);
            reconcile(world);
            health(world);
            leastPrivilege(world);
            watchedMetrics(world);
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

    /**
     * The reconcile's pass over the store's order feed (what a lost hook call would have missed): its first run queues
     * every integrated order it reads again, and the push makes none of them a second WinThor order.
     */
    private void reconcile(LocalWorld world) {
        Map<String, Integer> before = new java.util.TreeMap<>();
        OrderDriver.erpOrders(world).forEach((id, orders) -> before.put(id, orders.size()));
        Map<?, ?> run = (Map<?, ?>) world.runner.fireSchedule("OrderReconcileFunction", "Every5Minutes");
        OrderDriver.push(world, Duration.ofMinutes(2));
        Map<String, Integer> after = new java.util.TreeMap<>();
        OrderDriver.erpOrders(world).forEach((id, orders) -> after.put(id, orders.size()));
        expect("order reconcile (every 5 min): the store's orders read again and queued, none made a second WinThor order",
                "COMPLETED, WinThor orders unchanged " + before, run.get("status") + " " + run.get("counts") + ", WinThor orders " + after,
                "COMPLETED".equals(String.valueOf(run.get("status"))) && before.equals(after)
                        && after.values().stream().allMatch(n -> n == 1));
    }

    /** Routine 812 on its schedule: every service online and recorded, then one switched off trips its alarm. */
    private void health(LocalWorld world) {
        Map<?, ?> healthy = (Map<?, ?>) world.runner.fireSchedule("HealthCheckFunction", "Every5Minutes");
        List<com.winthorvd.shared.health.HealthService.ServiceState> states = com.winthorvd.shared.health.HealthService.lastStates(world.table,
                java.util.stream.Stream.concat(com.winthorvd.shared.winthor.WtaService.REQUIRED.stream().map(s -> s.serviceName),
                        java.util.stream.Stream.of(com.winthorvd.shared.health.HealthService.STORE)).toList());
        expect("health check (routine 812, every 5 min): every WTA service and the store online, each in its SERVICE# item",
                (com.winthorvd.shared.winthor.WtaService.REQUIRED.size() + 1) + " online", states.stream().filter(s -> s.online()).count()
                        + " online of " + states.size() + " " + healthy.get("services"),
                Boolean.TRUE.equals(healthy.get("healthy")) && states.size() == com.winthorvd.shared.winthor.WtaService.REQUIRED.size() + 1
                        && states.stream().allMatch(s -> s.online()));
        world.winthor.online(com.winthorvd.shared.winthor.WtaService.STOCK, false);
        for (int check = 0; check < 2; check++) {
            world.clock.advance(Duration.ofMinutes(5));
            world.runner.fireSchedule("HealthCheckFunction", "Every5Minutes");
        }
        world.winthor.online(com.winthorvd.shared.winthor.WtaService.STOCK, true);
        boolean alarm = new com.winthorvd.testkit.stack.LocalAlarms(world.deployment.template()).evaluate("WtaServiceOfflineAlarm",
                com.winthorvd.testkit.stack.LocalAlarms.dataPoints(functionLogLines(world)), world.clock.millis()).inAlarm();
        expect("health check: winthor-estoque-vtex offline in two checks in a row trips WtaServiceOfflineAlarm",
                "in alarm", alarm ? "in alarm" : "not in alarm", alarm);
    }

    /**
     * The watched metrics a healthy demo does not emit, by name or "name flow": failures, a scan out of time, an invoice
     * the store refused. Every other metric the dashboard shows or an alarm watches must be one a function really emitted.
     */
    static final java.util.Set<String> NOT_IN_A_HEALTHY_RUN = java.util.Set.of("RunFailed", "RunPartial", "RecordsFailed",
            "WebhookUnauthorized", "WebhookMalformed", "MessagesFailed", "DeactivationsHeld", "OrdersRejected order-status");

    private void watchedMetrics(LocalWorld world) {
        java.util.Set<String> emitted = new java.util.HashSet<>();
        for (com.winthorvd.testkit.stack.LocalAlarms.DataPoint point : com.winthorvd.testkit.stack.LocalAlarms.dataPoints(functionLogLines(world))) {
            emitted.add(point.metric() + " " + point.dimensions());
        }
        List<String> missing = com.winthorvd.testkit.stack.WatchedMetrics.of(world.deployment.template()).stream()
                .filter(m -> !NOT_IN_A_HEALTHY_RUN.contains(m.name()) && !NOT_IN_A_HEALTHY_RUN.contains(m.name() + " " + m.dimensions().get("Flow"))
                        && !emitted.contains(m.name() + " " + m.dimensions()))
                .map(m -> m.name() + " " + m.dimensions() + " (" + m.where() + ")").distinct().toList();
        expect("metrics: every metric the dashboard shows or an alarm watches was emitted by a function, with its dimensions",
                "none missing (not in a healthy run: " + new java.util.TreeSet<>(NOT_IN_A_HEALTHY_RUN) + ")", "missing: " + missing, missing.isEmpty());
    }

    private static List<String> functionLogLines(LocalWorld world) {
        System.out.flush();
        try {
            return java.nio.file.Files.readAllLines(logFile(world));
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    /**
     * Key prefixes granted for a path the demo does not take, with that path: any other grant no call of the demo used
     * is wider than the integration needs.
     */
    static final Map<String, String> GRANTS_FOR_PATHS_NOT_IN_THE_DEMO = Map.of(
            "HELD#catalog-sync", "a catalog run that would deactivate more records than it may on its own");

    /** Every DynamoDB call of every function was allowed by its template policy, and every key prefix granted was used. */
    private void leastPrivilege(LocalWorld world) {
        world.deployment.aws().gate().ifPresent(gate -> {
            List<String> unused = new ArrayList<>();
            for (com.winthorvd.testkit.stack.FunctionSpec spec : world.runner.functions()) {
                String function = spec.logicalId();
                String accessKey = com.winthorvd.testkit.stack.DynamoPolicyGate.accessKey(world.deployment.stackName(), function);
                com.winthorvd.testkit.stack.DynamoPolicyGate.unusedLeadingKeyPatterns(world.deployment.policy(function),
                        gate.uses(java.util.Set.of(accessKey))).stream()
                        .filter(prefix -> !GRANTS_FOR_PATHS_NOT_IN_THE_DEMO.containsKey(prefix))
                        .forEach(prefix -> unused.add(function + " " + prefix));
            }
            List<String> denied = gate.denials(world.deployment.functionAccessKeys());
            expect("least privilege: each function's DynamoDB calls within its template grant, and each key prefix granted used",
                    "no call denied, no prefix unused (besides " + GRANTS_FOR_PATHS_NOT_IN_THE_DEMO.keySet() + ")",
                    denied.size() + " denied" + (denied.isEmpty() ? "" : " (first: " + denied.get(0) + ")") + ", unused: " + unused,
                    denied.isEmpty() && unused.isEmpty());
        });
    }

    private static java.nio.file.Path logFile(LocalWorld world) {
        return RepoRoot.find().resolve("cli/target/demo-" + world.deployment.stackName() + ".log");
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
        int required = com.winthorvd.shared.winthor.WtaService.REQUIRED.size();
        expect("check: login and the " + required + " WTA services online (the guide's four and the fiscal service), branches 1-3 exist",
                "login ok, " + required + "/" + required + " online, 0 branches missing",
                "login " + (report.login().ok() ? "ok" : "failed") + ", " + online + "/" + report.services().size()
                        + " online, " + report.branches().missing().size() + " branches missing",
                report.ok() && online == required);
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
        List<Map<?, ?>> runs = com.winthorvd.testkit.CatalogDriver.sync(world, true);
        Map<?, ?> last = runs.get(runs.size() - 1);
        progress("catalog: " + runs.size() + " scan invocation(s), " + ((Map<?, ?>) last.get("counts")).entrySet().stream()
                .filter(e -> String.valueOf(e.getKey()).endsWith(".queued")).map(e -> e.getKey() + "=" + e.getValue()).toList()
                + ", applied in " + Duration.ofNanos(System.nanoTime() - start).toSeconds() + " s");
        var counts = com.winthorvd.shared.catalog.CatalogReport.counts(world.table);
        counts.forEach((entity, byOutcome) -> progress(String.format("  %-10s %s", entity.id(), byOutcome)));
        List<String> mismatches = com.winthorvd.testkit.CatalogDriver.mismatches(world, world.manifest);
        expect("catalog full sync: store and state match the demo data record by record (synced, or rejected with the right reason)",
                "0 mismatches", mismatches.size() + " mismatch(es)" + (mismatches.isEmpty() ? "" : ", first: " + mismatches.get(0)),
                mismatches.isEmpty());
        int before = world.store.totalRequests();
        com.winthorvd.testkit.CatalogDriver.sync(world, false);
        expect("catalog incremental rerun without changes: nothing sent to the store", "0 store calls",
                (world.store.totalRequests() - before) + " store call(s)", world.store.totalRequests() == before);
    }

    private void stock(LocalWorld world) {
        progress("stock: reading WinThor's available stock of branches " + LocalWorld.BRANCHES + " and setting the store's inventories...");
        Map<?, ?> first = com.winthorvd.testkit.StockDriver.sync(world, 1).get(0);
        List<String> mismatches = com.winthorvd.testkit.StockDriver.mismatches(world, world.manifest);
        expect("stock full load: every synced SKU's whole packs in each branch's warehouse, as the demo data says",
                world.manifest.stock().size() + " inventories, 0 mismatches", first.get("counts") + ", " + mismatches.size() + " mismatch(es)"
                        + (mismatches.isEmpty() ? "" : ", first: " + mismatches.get(0)), mismatches.isEmpty());
        var skus = com.winthorvd.testkit.CatalogDriver.byRef(world.store.skus());
        String sku = world.manifest.stock().keySet().iterator().next().split("@")[0];
        var packaging = world.winthor.data().packagings.get(sku + "@1");
        long packs = 25;
        world.winthor.data().stock.put(new com.winthorvd.shared.winthor.model.StockItem(sku, "1",
                java.math.BigDecimal.valueOf(packs * packaging.unitsPerPack()), packaging.unitsPerPack(), false,
                java.time.LocalDateTime.of(2026, 11, 30, 9, 0)));
        int before = world.store.totalRequests();
        com.winthorvd.testkit.StockDriver.sync(world, 1);
        long shown = world.store.inventory(skus.get(sku).path("Id").asLong(), "filial1").path("quantity").asLong();
        expect("stock change in WinThor (SKU " + sku + ", branch 1, " + packs + " packs) reaches the store on the next run",
                packs + " packs, 1 store call", shown + " packs, " + (world.store.totalRequests() - before) + " store call(s)",
                shown == packs && world.store.totalRequests() - before == 1);
    }

    private void prices(LocalWorld world) {
        progress("prices: reading every branch and region of WinThor's prices and publishing each SKU's price tables...");
        Map<?, ?> first = PriceDriver.sync(world, true, 2).get(0);
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
        long id = com.winthorvd.testkit.CatalogDriver.byRef(world.store.skus()).get(sku).path("Id").asLong();
        List<String> shown = PriceDriver.fixedPrices(world.store.price(id), "filial2-regiao1");
        List<String> wanted = List.of(com.winthorvd.testkit.data.Manifest.fixedPrice(changed, 1, null, null));
        int calls = world.store.totalRequests() - before;
        expect("price change in WinThor (SKU " + sku + ", branch 2, region 1: " + row.price() + " -> " + changed
                        + ") reaches table filial2-regiao1 on the next full read", wanted + ", 1 store call", shown + ", " + calls + " store call(s)",
                shown.equals(wanted) && calls == 1);
    }

    /** Pushes the demo's orders; returns three that reached WinThor and stay open there. */
    private List<String> orders(LocalWorld world) {
        progress("orders: the store's order hook pointed at the local webhook; buyers place orders in the store...");
        world.installHook(List.of("ready-for-handling", "canceled"));
        OrderDriver driver = new OrderDriver(world);
        Map<String, Long> perDocument = world.winthor.data().customers.all().stream()
                .collect(java.util.stream.Collectors.groupingBy(Customer::document, java.util.stream.Collectors.counting()));
        List<Customer> customers = world.winthor.data().customers.all().stream()
                .filter(c -> world.manifest.expected("customer", Long.toString(c.id())).outcome() == Manifest.Outcome.SYNCED)
                .filter(c -> c.email() != null && c.active() && !c.blocked() && perDocument.get(c.document()) == 1).limit(2).toList();
        List<String> skus = world.manifest.records("sku").entrySet().stream()
                .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED && driver.inStore(e.getKey())).map(Map.Entry::getKey).sorted().toList();
        String box = skus.stream().filter(k -> driver.unitsPerPack(k) > 1).findFirst().orElseThrow();
        String unit = skus.stream().filter(k -> driver.unitsPerPack(k) == 1).findFirst().orElseThrow();
        StoreOrders orders = world.store.orders();
        Map<String, OrderDriver.Expected> expected = new LinkedHashMap<>();
        String discounted = orders.place(OrderDriver.buyerOf(customers.get(0)), "Boleto Bancário",
                List.of(driver.line(box, 2, 12_000, "1"), driver.line(unit, 3, 990, "1")), 1500, 500);
        expected.put(discounted, new OrderDriver.Expected(customers.get(0).id(), null, "1",
                Map.of(box, 2L * driver.unitsPerPack(box), unit, 3L)));
        String pix = orders.place(OrderDriver.buyerOf(customers.get(1)), "Pix", List.of(driver.line(unit, 5, 450, "2")), 0, 0);
        expected.put(pix, new OrderDriver.Expected(customers.get(1).id(), null, "2", Map.of(unit, 5L)));
        String newcomerDocument = "04252011000110";
        String newcomer = orders.place(StoreOrders.buyer(newcomerDocument, "compras@novocliente.com.br"), "Pix",
                List.of(driver.line(box, 1, 12_000, "1")), 1500, 0);
        expected.put(newcomer, new OrderDriver.Expected(null, newcomerDocument, "1", Map.of(box, (long) driver.unitsPerPack(box))));
        String unknownSku = orders.place(OrderDriver.buyerOf(customers.get(0)), "Boleto Bancário",
                List.of(new StoreOrders.Line("999999", "7890000000000-999999", 1, 1, 1000, 900, "filial1")), 1500, 0);
        String cancelled = orders.place(OrderDriver.buyerOf(customers.get(1)), "Boleto Bancário", List.of(driver.line(unit, 2, 990, "3")), 1500, 0);
        expected.put(cancelled, new OrderDriver.Expected(customers.get(1).id(), null, "3", Map.of(unit, 2L)));
        OrderDriver.push(world, Duration.ofMinutes(2));

        Map<String, List<com.fasterxml.jackson.databind.JsonNode>> erp = OrderDriver.erpOrders(world);
        List<String> problems = new ArrayList<>();
        expected.forEach((id, want) -> {
            List<com.fasterxml.jackson.databind.JsonNode> found = erp.getOrDefault(id, List.of());
            String mismatch = want.mismatch(world, found);
            if (mismatch != null) {
                problems.add(id + ": " + mismatch);
            }
            if (found.isEmpty()) {
                return;
            }
            var order = found.get(0);
            progress(String.format("    %s -> WinThor order (NUMPED) %s, customer %d, branch %s, units %s, store: %s", id,
                    order.path("orderId").asText(), order.path("customer").path("id").asLong(), order.path("branchId").asText(), OrderDriver.units(order),
                    orders.order(id).path("status").asText()));
        });
        expect("orders from the store reach WinThor once each, with the buyer's customer, the branch of the warehouse and packs x QTUNIT units",
                expected.size() + " WinThor orders, 0 mismatches", erp.size() + " WinThor orders, " + problems.size() + " mismatch(es)"
                        + (problems.isEmpty() ? "" : ", first: " + problems.get(0)), problems.isEmpty() && erp.size() == expected.size());
        Customer registered = world.winthor.data().customers.all().stream().filter(c -> c.document().equals(newcomerDocument)).findFirst().orElse(null);
        expect("a buyer unknown to WinThor is registered from the store's profile (customerOrigin VT) and the order goes to them",
                "customer " + newcomerDocument.substring(0, 4) + "... registered once", registered == null ? "not registered"
                        : "customer " + registered.id() + " (" + registered.name() + ")", registered != null);
        var rejected = OrderDriver.state(world, unknownSku).orElseThrow();
        String reason = rejected.string("reason").orElse("none");
        progress("    rejected " + unknownSku + ": " + com.winthorvd.shared.sync.Reason.valueOf(reason).message(rejected.list("params")));
        expect("an order with a SKU the integration does not know is REJECTED with its reason, nothing in WinThor",
                "REJECTED ORDER_UNKNOWN_SKU", rejected.string("status").orElse("none") + " " + reason,
                reason.equals("ORDER_UNKNOWN_SKU") && !erp.containsKey(unknownSku));
        orders.cancel(cancelled);
        OrderDriver.push(world, Duration.ofMinutes(2));
        String erpStatus = OrderDriver.erpOrders(world).get(cancelled).get(0).path("orderStatus").asText();
        expect("an order cancelled in the store after reaching WinThor is cancelled there",
                "CANCELLED, WinThor status C", OrderDriver.state(world, cancelled).orElseThrow().string("status").orElse("none")
                        + ", WinThor status " + erpStatus, erpStatus.equals("C"));
        return List.of(discounted, pix, newcomer);
    }

    /**
     * WinThor invoices two orders (one NF-e issued later than the invoice) and cancels the third; the status function
     * sends each invoice and the cancellation to the store, once.
     */
    private void invoicesAndCancellations(LocalWorld world, List<String> storeOrders) {
        progress("invoices: WinThor invoices two orders (one NF-e not issued yet) and cancels one; the status function runs...");
        String numpedNow = OrderDriver.state(world, storeOrders.get(0)).orElseThrow().string("numped").orElseThrow();
        String numpedLater = OrderDriver.state(world, storeOrders.get(1)).orElseThrow().string("numped").orElseThrow();
        String numpedCancelled = OrderDriver.state(world, storeOrders.get(2)).orElseThrow().string("numped").orElseThrow();
        world.winthor.orders().invoice(numpedNow, Map.of(), true);
        world.winthor.orders().invoice(numpedLater, Map.of(), false);
        world.winthor.orders().cancelInErp(numpedCancelled, "Cliente sem limite de crédito");
        Map<?, ?> first = (Map<?, ?>) world.runner.fireSchedule("OrderStatusFunction", "Every5Minutes");
        String waiting = OrderDriver.state(world, storeOrders.get(1)).orElseThrow().string("status").orElse("none");
        world.winthor.orders().publishInvoiceDocument(numpedLater);
        world.clock.advance(Duration.ofMinutes(5));
        Map<?, ?> second = (Map<?, ?>) world.runner.fireSchedule("OrderStatusFunction", "Every5Minutes");
        progress("    first run " + first.get("counts") + ", second run " + second.get("counts"));
        List<String> shown = new ArrayList<>();
        boolean right = waiting.equals("INVOICE_PENDING");
        for (String id : storeOrders.subList(0, 2)) {
            var order = world.store.orders().order(id);
            var invoices = order.path("packageAttachment").path("packages");
            String key = world.winthor.orders().invoiceKey(OrderDriver.state(world, id).orElseThrow().string("numped").orElseThrow());
            right &= invoices.size() == 1 && invoices.get(0).path("invoiceKey").asText().equals(key)
                    && order.path("status").asText().equals("invoiced");
            progress(String.format("    %s: store %s, NF %s, key %s, R$ %s", id, order.path("status").asText(),
                    invoices.path(0).path("invoiceNumber").asText(), invoices.path(0).path("invoiceKey").asText(),
                    BigDecimal.valueOf(invoices.path(0).path("invoiceValue").asLong()).movePointLeft(2)));
            shown.add(order.path("status").asText() + " NF " + invoices.path(0).path("invoiceNumber").asText());
        }
        expect("WinThor's invoices reach the store once each, with the NF-e's number, 44-digit key and value; one waited for its NF-e",
                "2 invoiced (one INVOICE_PENDING after the first run)", shown + ", the late one was " + waiting, right);
        var cancelled = world.store.orders().order(storeOrders.get(2));
        expect("an order cancelled in WinThor is cancelled in the store with WinThor's reason",
                "canceled: Cliente sem limite de crédito", cancelled.path("status").asText() + ": " + cancelled.path("cancelReason").asText(),
                cancelled.path("status").asText().equals("canceled") && cancelled.path("cancelReason").asText().equals("Cliente sem limite de crédito"));
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
