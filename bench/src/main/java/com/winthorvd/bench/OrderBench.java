package com.winthorvd.bench;

import com.winthorvd.testkit.stack.RepoRoot;
import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.OrderDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.Documents;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderIntakeService;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.winthor.model.Customer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * {@code bench orders}: N store orders through the hook, the webhook, the FIFO queue, the push and WinThor, with a share of
 * them given one fault each (round robin over every kind), and the reconcile fired on a shortened schedule. Every order is
 * then compared with what it should have become (one WinThor order with its items, or REJECTED with its reason, or
 * CANCELLED), and the figures printed: duplicates, lost, rejected by reason, DLQ, webhook response and hook-to-WinThor
 * times, and the webhook's cold start in fresh JVMs. The simulated clock follows real time, so waits written in clock
 * time (backoff, the unknown outcome's settling) take their real length.
 */
public final class OrderBench {
    static final String PAYMENT = "Boleto Bancário";
    /** The WinThor timeout the bench deploys with, so a slow create times out in seconds. */
    static final int WINTHOR_TIMEOUT_SECONDS = 2;
    /** The settle after a create of unknown outcome: twice the timeout, the template defaults' ratio. */
    static final int CREATE_SETTLE_SECONDS = 2 * WINTHOR_TIMEOUT_SECONDS;
    /** The retries' backoff the bench deploys with (the local world's), so a faulted order is retried within seconds. */
    static final int RETRY_FIRST_SECONDS = 1;
    static final int RETRY_MAX_SECONDS = 2;

    /** What can go wrong with one order. */
    enum Trouble {
        NONE, HOOK_DROPPED, HOOK_REPEATED, WRONG_SECRET_CALL, MALFORMED_CALL, WINTHOR_500, WINTHOR_TIMEOUT, WINTHOR_COMMIT_THEN_DROP,
        WINTHOR_RESET, TOKEN_REVOKED, STORE_500, NEW_BUYER, UNKNOWN_SKU, PAYMENT_NOT_MAPPED, CUSTOMER_AMBIGUOUS, CANCEL_BEFORE_PUSH,
        CANCEL_AFTER_PUSH,
        /** The store's AppToken rotated; the new one reaches the secret 2 s later. */
        STORE_TOKEN_ROTATED,
        /** WinThor writes the order and answers 2xx without its number. */
        WINTHOR_NO_NUMBER,
        /** WinThor writes the order and answers 409. */
        WINTHOR_CONFLICT,
        /** WinThor writes the order and still answers 400: REJECTED, then the operator's `order retry`. */
        WINTHOR_REFUSED_THEN_RETRIED;

        static final List<Trouble> INJECTED = List.of(values()).subList(1, values().length);
    }

    /** One placed order and what it must become. */
    private record Placed(String storeOrderId, Trouble fault, long placedNanos, String expectedStatus, String expectedReason,
                          OrderDriver.Expected inErp) {
    }

    private OrderBench() {
    }

    public static Map<String, Object> run(int orders, double faultShare, double perSecond, int pollers, int coldStartRuns,
                                          Conditions conditions, Consumer<String> progress) {
        Map<String, Object> report = new LinkedHashMap<>();
        AwsPrices prices = conditions.prices();
        int products = Math.max(30, Math.min(400, orders / 3));
        Map<String, String> parameters = new java.util.HashMap<>();
        if (pollers >= 2) {
            parameters.put("OrderPushConcurrency", Integer.toString(pollers)); // the containers that share the store's limit
        }
        parameters.put("WinThorRequestTimeoutSeconds", Integer.toString(WINTHOR_TIMEOUT_SECONDS));
        parameters.put("OrderCreateSettleSeconds", Integer.toString(CREATE_SETTLE_SECONDS));
        parameters.put("RetryBackoffFirstSeconds", Integer.toString(RETRY_FIRST_SECONDS));
        parameters.put("RetryBackoffMaxSeconds", Integer.toString(RETRY_MAX_SECONDS));
        try (LocalWorld world = conditions.start(products, parameters)) {
            ValuesBench.seedCatalog(world);
            String hookUrl = world.installHook(List.of("ready-for-handling", "canceled"));
            Scenario scenario = new Scenario(world, hookUrl);
            AtomicBoolean running = new AtomicBoolean(true);
            AtomicBoolean invoicing = new AtomicBoolean(false);
            List<Thread> background = List.of(
                    daemon("clock", () -> followRealTime(world, running)),
                    // Its pollers poll for as long as the bench runs, as Lambda's keep polling a queue: a drain would
                    // end each one at the first empty receive and leave the rest of the run to the last poller.
                    daemon("push", () -> world.runner.whileDraining(OrderDriver.PUSH, Duration.ofHours(2), pollers, () -> {
                        while (running.get()) {
                            pause(200);
                        }
                        return null;
                    })),
                    daemon("reconcile", () -> {
                        while (running.get()) {
                            pause(5_000); // the 5-minute schedule, shortened
                            world.runner.fireSchedule("OrderReconcileFunction", "Every5Minutes");
                        }
                    }),
                    daemon("status", () -> {
                        while (running.get()) {
                            pause(5_000); // the 5-minute schedule, shortened
                            if (invoicing.get()) {
                                world.runner.fireSchedule("OrderStatusFunction", "Every5Minutes");
                            }
                        }
                    }));
            background.forEach(Thread::start);

            progress.accept("orders: placing " + orders + " orders at " + perSecond + "/s, " + Math.round(faultShare * 100) + "% with a fault...");
            long start = System.nanoTime();
            SplittableRandom random = new SplittableRandom(42);
            List<Placed> placed = new ArrayList<>();
            Map<String, String> problems = new LinkedHashMap<>();
            Map<String, Object> invoiceFigures = new LinkedHashMap<>();
            double[] settled = new double[1];
            // Every order from its hook to its invoice, measured as one step: its AWS calls and what they cost.
            Measure.Step step = Measure.step(world, prices, () -> {
                int faultIndex = 0;
                for (int i = 0; i < orders; i++) {
                    long due = start + (long) (i / perSecond * 1e9);
                    pause(Math.max(0, (due - System.nanoTime()) / 1_000_000));
                    Trouble fault = random.nextDouble() < faultShare ? Trouble.INJECTED.get(faultIndex++ % Trouble.INJECTED.size()) : Trouble.NONE;
                    placed.add(scenario.place(fault, random));
                }
                progress.accept("orders: all placed in " + Measure.seconds(System.nanoTime() - start) + " s; waiting for every order to settle...");
                problems.putAll(settle(world, placed, Duration.ofMinutes(20)));
                settled[0] = Measure.seconds(System.nanoTime() - start);
                progress.accept("orders: settled in " + settled[0] + " s; WinThor invoices every open order (a fifth with the NF-e later)...");
                invoicing.set(true);
                invoiceFigures.putAll(invoices(world, placed, random));
                return List.of();
            });
            double seconds = settled[0];
            running.set(false);
            background.forEach(OrderBench::join);

            report.put("orders", orders);
            report.put("products", products);
            report.put("faultShare", faultShare);
            report.put("faultsInjected", placed.stream().filter(p -> p.fault() != Trouble.NONE)
                    .collect(Collectors.groupingBy(p -> p.fault().name(), TreeMap::new, Collectors.counting())));
            report.put("pushPollers", pollers);
            report.putAll(conditions.describe());
            // A faulted order's time is these waits, not the pipeline's: with the template's defaults (timeout 30 s,
            // settle 60 s, first retry after 30 s) the same order takes at least as long as they say.
            report.put("timingsSeconds", Map.of("winThorTimeout", WINTHOR_TIMEOUT_SECONDS, "createSettle", CREATE_SETTLE_SECONDS,
                    "retryBackoffFirst", RETRY_FIRST_SECONDS, "retryBackoffMax", RETRY_MAX_SECONDS, "storeSecretReread", com.winthorvd.shared.store.StoreSettings.SECRET_REREAD.toSeconds()));
            report.put("seconds", seconds);
            report.putAll(outcome(world, scenario, placed, problems));
            report.put("webhook", scenario.webhookFigures());
            report.put("hookToWinThor", latency(world, placed));
            report.put("invoices", invoiceFigures);
            // The reconcile and status schedules run every 5 s here, not every 5 minutes: their share of the figures is
            // far above what they cost in AWS (the README's cost table counts them from their schedules instead).
            report.put("awsCalls", step.figures(Map.of("perOrder", step.perRecord(orders))));
            report.put("storeCallsByRoute", world.store.requestsByRoute());
            report.put("lambdaByFunction", world.runner.usage().stream().collect(Collectors.toMap(
                    com.winthorvd.testkit.runner.LocalRunner.Usage::function,
                    u -> Map.of("invocations", u.invocations(), "gbSeconds", Math.round(u.gbSeconds() * 100) / 100.0),
                    (a, b) -> a, TreeMap::new)));
            if (coldStartRuns > 0) {
                progress.accept("orders: webhook cold start, " + coldStartRuns + " fresh JVMs...");
                report.put("webhookColdStart", coldStart(world, coldStartRuns));
            }
            Map<?, ?> invoices = (Map<?, ?>) report.get("invoices");
            report.put("ok", problems.isEmpty() && ((Number) report.get("duplicates")).intValue() == 0
                    && ((Number) invoices.get("duplicates")).intValue() == 0 && invoices.get("missing").equals(0)
                    && ((Number) report.get("lost")).intValue() == 0 && ((Number) report.get("inDeadLetterQueue")).intValue() == 0
                    && (coldStartRuns == 0 || Boolean.TRUE.equals(((Map<?, ?>) report.get("webhookColdStart")).get("all200"))));
        }
        return report;
    }

    /** Places orders as buyers would, each with its fault, and knows what each must become. */
    private static final class Scenario {
        final LocalWorld world;
        final String hookUrl;
        final List<Customer> customers;
        /** Kept apart from the start: once WinThor has their twin, none of their orders can go through. */
        final List<Customer> ambiguous = new ArrayList<>();
        int ambiguousUsed;
        final OrderDriver driver;
        final List<String> skus;
        final List<Integer> directCalls = new ArrayList<>();
        int newBuyers;

        Scenario(LocalWorld world, String hookUrl) {
            this.world = world;
            this.hookUrl = hookUrl;
            Map<String, Long> perDocument = world.winthor.data().customers.all().stream()
                    .collect(Collectors.groupingBy(Customer::document, Collectors.counting()));
            customers = new ArrayList<>(world.winthor.data().customers.all().stream()
                    .filter(c -> c.active() && !c.blocked() && c.email() != null && perDocument.get(c.document()) == 1).toList());
            for (int i = 0; i < Math.max(1, customers.size() / 10); i++) {
                ambiguous.add(customers.remove(customers.size() - 1));
            }
            driver = new OrderDriver(world);
            skus = world.manifest.records(CatalogEntity.SKU.id()).entrySet().stream()
                    .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED && driver.inStore(e.getKey()))
                    .map(Map.Entry::getKey).sorted().toList();
        }

        Placed place(Trouble fault, SplittableRandom random) {
            String branch = Integer.toString(1 + random.nextInt(3));
            Customer customer = customers.get(random.nextInt(customers.size()));
            Buyer buyer = OrderDriver.buyerOf(customer);
            Long customerId = customer.id();
            if (fault == Trouble.NEW_BUYER) {
                String document = Documents.withCheckDigits(String.format("%08d0001", 70_000_000 + ++newBuyers));
                buyer = StoreOrders.buyer(document, "novo" + newBuyers + "@comprador.com.br");
                customerId = null;
            } else if (fault == Trouble.CUSTOMER_AMBIGUOUS) {
                customer = ambiguous.get(ambiguousUsed++ % ambiguous.size());
                if (world.winthor.data().customers.get(Long.toString(990_000 + customer.id())) == null) {
                    world.winthor.data().customers.put(new Customer(990_000 + customer.id(), customer.name() + " (DUPLICADO)",
                            customer.tradeName(), customer.document(), customer.stateInscription(), customer.personType(), null, null,
                            customer.sellerId(), customer.activityId(), customer.regionId(), customer.branchId(), true, false, List.of(),
                            customer.lastChange()));
                }
                buyer = OrderDriver.buyerOf(customer);
            }
            List<StoreOrders.Line> lines = new ArrayList<>();
            Map<String, Long> units = new LinkedHashMap<>();
            int count = 1 + random.nextInt(3);
            for (int i = 0; i < count; i++) {
                String ref = skus.get(random.nextInt(skus.size()));
                if (units.containsKey(ref)) {
                    continue;
                }
                int packs = 1 + random.nextInt(5);
                lines.add(driver.line(ref, packs, 300 + random.nextInt(20_000), branch));
                units.put(ref, (long) packs * driver.unitsPerPack(ref));
            }
            if (fault == Trouble.UNKNOWN_SKU) {
                lines.add(new StoreOrders.Line("999999", "7890000000000-999999", 1, 1, 1000, 900, "filial" + branch));
            }
            String payment = fault == Trouble.PAYMENT_NOT_MAPPED ? "Cartão Presente" : PAYMENT;
            long discount = random.nextInt(4) == 0 ? Math.min(500, lines.get(0).sellingPriceCents() / 2) : 0;
            StoreOrders orders = world.store.orders();
            switch (fault) {
                case HOOK_DROPPED -> orders.dropHooks(1.0, 1);
                case WINTHOR_500 -> world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.HTTP_500), 1);
                case WINTHOR_TIMEOUT -> world.winthor.faults().next("POST /api/wholesale/v1/orders/",
                        Fault.slow(Duration.ofSeconds(WINTHOR_TIMEOUT_SECONDS + 1)), 1);
                case WINTHOR_COMMIT_THEN_DROP -> world.winthor.faults().next("POST /api/wholesale/v1/orders/",
                        Fault.of(Fault.Kind.COMMIT_THEN_DROP), 1);
                case WINTHOR_RESET -> world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.RESET), 1);
                case TOKEN_REVOKED -> world.winthor.revokeAllTokens();
                case STORE_500 -> world.store.faults().next("GET /api/oms/pvt/orders/*", Fault.of(Fault.Kind.HTTP_500), 1);
                case STORE_TOKEN_ROTATED -> {
                    String token = world.store.rotateAppToken();
                    daemon("secret", () -> {
                        pause(2_000);
                        world.aws.secrets().putSecretValue(b -> b.secretId(world.deployment.physicalId("StoreAppTokenSecret")).secretString(token));
                    }).start();
                }
                case WINTHOR_NO_NUMBER -> world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_WITHOUT_NUMBER), 1);
                case WINTHOR_CONFLICT -> world.winthor.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.COMMIT_THEN_409), 1);
                case WINTHOR_REFUSED_THEN_RETRIED -> world.winthor.faults().next("POST /api/wholesale/v1/orders/",
                        Fault.of(Fault.Kind.COMMIT_THEN_400), 1);
                default -> {
                }
            }
            long placedNanos = System.nanoTime();
            String id = orders.place(buyer, payment, lines, 1500, discount);
            orders.dropHooks(0, 1);
            switch (fault) {
                case HOOK_REPEATED -> {
                    orders.redeliverHook(id);
                    orders.redeliverHook(id);
                }
                case WRONG_SECRET_CALL -> directCalls.add(call(id, "not-the-secret", null));
                case MALFORMED_CALL -> directCalls.add(call(id, world.hookSecret(), "{\"OrderId\": \"" + id + "\", \"State\": 42"));
                case CANCEL_BEFORE_PUSH -> orders.cancel(id);
                default -> {
                }
            }
            OrderDriver.Expected inErp = new OrderDriver.Expected(customerId, buyer.document(), branch, units);
            return switch (fault) {
                case UNKNOWN_SKU -> new Placed(id, fault, placedNanos, "REJECTED", "ORDER_UNKNOWN_SKU", inErp);
                case PAYMENT_NOT_MAPPED -> new Placed(id, fault, placedNanos, "REJECTED", "ORDER_PAYMENT_NOT_MAPPED", inErp);
                case CUSTOMER_AMBIGUOUS -> new Placed(id, fault, placedNanos, "REJECTED", "ORDER_CUSTOMER_AMBIGUOUS", inErp);
                case CANCEL_BEFORE_PUSH, CANCEL_AFTER_PUSH -> new Placed(id, fault, placedNanos, "CANCELLED", null, inErp);
                default -> new Placed(id, fault, placedNanos, "HANDLING_STARTED", null, inErp);
            };
        }

        /** A call to the webhook that is not the store's: a wrong secret or a malformed body. Returns the HTTP status. */
        int call(String orderId, String secret, String body) {
            String payload = body != null ? body : Json.write(Map.of("Domain", "Marketplace", "OrderId", orderId, "State", "ready-for-handling",
                    "LastChange", "2026-11-30T12:00:00Z"));
            try {
                return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(hookUrl)).timeout(Duration.ofSeconds(10))
                        .header("Content-Type", "application/json").header(OrderIntakeService.SECRET_HEADER, secret)
                        .POST(HttpRequest.BodyPublishers.ofString(payload)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                return 0;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return 0;
            }
        }

        Map<String, Object> webhookFigures() {
            List<StoreOrders.HookDelivery> delivered = world.store.orders().deliveries().stream().filter(d -> d.status() != 0).toList();
            List<Long> millis = delivered.stream().map(StoreOrders.HookDelivery::millis).sorted().toList();
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("hooksDelivered", delivered.size());
            out.put("hooksDroppedOnPurpose", world.store.orders().deliveries().size() - delivered.size());
            out.put("answers", delivered.stream().collect(Collectors.groupingBy(d -> Integer.toString(d.status()), TreeMap::new, Collectors.counting())));
            out.put("responseMillisP50", percentile(millis, 50));
            out.put("responseMillisP99", percentile(millis, 99));
            out.put("otherCallers", directCalls.stream().collect(Collectors.groupingBy(Object::toString, TreeMap::new, Collectors.counting())));
            return out;
        }
    }

    /**
     * Waits until every order is as it must be (cancelling those meant to be cancelled once they reached WinThor), or the
     * time is up; returns the orders still not right, with what is wrong.
     */
    private static Map<String, String> settle(LocalWorld world, List<Placed> placed, Duration maxTime) {
        long deadline = System.nanoTime() + maxTime.toNanos();
        java.util.Set<String> cancelled = new java.util.HashSet<>();
        java.util.Set<String> retried = new java.util.HashSet<>();
        com.winthorvd.shared.queue.QueueSender sender = new com.winthorvd.shared.queue.QueueSender(world.aws.sqs(),
                com.winthorvd.shared.util.Sleeper.REAL);
        String orderQueue = world.deployment.queueUrl("OrderQueue");
        com.winthorvd.shared.order.OrderAdmin operator = new com.winthorvd.shared.order.OrderAdmin(world.table,
                change -> sender.send(orderQueue, List.of(change.message())), world.clock);
        List<Placed> pending = new ArrayList<>(placed);
        while (!pending.isEmpty() && System.nanoTime() < deadline) {
            Map<String, Item> states = states(world, pending);
            Map<String, List<JsonNode>> erp = OrderDriver.erpOrders(world);
            pending.removeIf(p -> {
                Item state = states.get(p.storeOrderId());
                String status = state == null ? "NONE" : state.string("status").orElse("NONE");
                if (p.fault() == Trouble.CANCEL_AFTER_PUSH && status.equals("HANDLING_STARTED") && cancelled.add(p.storeOrderId())) {
                    world.store.orders().cancel(p.storeOrderId());
                    return false;
                }
                // What the implementer does with WinThor's refusal once its cause is fixed (the refused create may have
                // written the order anyway: the retry must find it, never make a second one).
                if (status.equals("REJECTED") && "ORDER_WINTHOR_REFUSED".equals(state.string("reason").orElse(null))
                        && retried.add(p.storeOrderId())) {
                    operator.retry(p.storeOrderId());
                    return false;
                }
                return check(world, p, state, status, erp.getOrDefault(p.storeOrderId(), List.of())) == null;
            });
            if (!pending.isEmpty()) {
                pause(1_000);
            }
        }
        // The final word on every order, settled early or not (a late duplicate would show here).
        Map<String, Item> states = states(world, placed);
        Map<String, List<JsonNode>> erp = OrderDriver.erpOrders(world);
        Map<String, String> problems = new TreeMap<>();
        for (Placed p : placed) {
            Item state = states.get(p.storeOrderId());
            String problem = check(world, p, state, state == null ? "NONE" : state.string("status").orElse("NONE"),
                    erp.getOrDefault(p.storeOrderId(), List.of()));
            if (problem != null) {
                problems.put(p.storeOrderId(), problem);
            }
        }
        return problems;
    }

    /** The orders' state items by store order id, read 100 at a time. */
    private static Map<String, Item> states(LocalWorld world, List<Placed> orders) {
        Map<String, Item> byKey = world.table.batchGet(orders.stream().map(p -> Item.key(Keys.order(p.storeOrderId()), Keys.ONE)).toList(),
                StateTable.Read.CONSISTENT);
        Map<String, Item> out = new HashMap<>();
        for (Placed p : orders) {
            Item item = byKey.get(Keys.order(p.storeOrderId()) + "|" + Keys.ONE);
            if (item != null) {
                out.put(p.storeOrderId(), item);
            }
        }
        return out;
    }

    /** What is wrong with one order against what it must have become, or null. */
    private static String check(LocalWorld world, Placed p, Item state, String status, List<JsonNode> inErp) {
        if (!status.equals(p.expectedStatus())) {
            return "status " + status + ", expected " + p.expectedStatus();
        }
        if (p.expectedReason() != null) {
            String reason = state.string("reason").orElse("");
            return reason.equals(p.expectedReason()) && inErp.isEmpty() ? null : "reason " + reason + " with " + inErp.size() + " WinThor orders";
        }
        if (p.fault() == Trouble.CANCEL_BEFORE_PUSH || p.fault() == Trouble.CANCEL_AFTER_PUSH) {
            boolean allCancelled = inErp.stream().allMatch(o -> "C".equals(o.path("orderStatus").asText()));
            boolean reached = p.fault() == Trouble.CANCEL_BEFORE_PUSH || inErp.size() == 1;
            return allCancelled && inErp.size() <= 1 && reached ? null : inErp.size() + " WinThor orders, cancelled in WinThor: " + allCancelled;
        }
        return p.inErp().mismatch(world, inErp);
    }

    private static Map<String, Object> outcome(LocalWorld world, Scenario scenario, List<Placed> placed, Map<String, String> problems) {
        Map<String, List<JsonNode>> erp = OrderDriver.erpOrders(world);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("ordersInStore", placed.size());
        out.put("ordersInWinThor", erp.size());
        out.put("winThorOrderRecords", erp.values().stream().mapToInt(List::size).sum());
        out.put("duplicates", erp.values().stream().mapToInt(l -> Math.max(0, l.size() - 1)).sum());
        out.put("lost", placed.stream().filter(p -> p.expectedStatus().equals("HANDLING_STARTED") && !erp.containsKey(p.storeOrderId())).count());
        Map<String, Long> rejected = new TreeMap<>();
        Map<String, Long> statuses = new TreeMap<>();
        Map<String, Item> states = states(world, placed);
        for (Placed p : placed) {
            Item state = states.get(p.storeOrderId());
            String status = state == null ? "NONE" : state.string("status").orElse("NONE");
            statuses.merge(status, 1L, Long::sum);
            if (status.equals("REJECTED")) {
                rejected.merge(state.string("reason").orElse("?"), 1L, Long::sum);
            }
        }
        out.put("statuses", statuses);
        out.put("rejectedByReason", rejected);
        out.put("newCustomersRegistered", scenario.newBuyers);
        out.put("inDeadLetterQueue", world.runner.pendingOn("OrderDeadLetterQueue"));
        out.put("mismatchesWithGroundTruth", problems.size());
        if (!problems.isEmpty()) {
            out.put("firstMismatches", problems.entrySet().stream().limit(10).map(e -> e.getKey() + ": " + e.getValue()).toList());
        }
        return out;
    }

    /**
     * WinThor invoices every order it holds open, a fifth of them with the NF-e issued 10 s later; the status function,
     * fired every 5 s, sends them. Counts the store's invoices and the lag from "F with its NF-e" to the store invoice.
     */
    private static Map<String, Object> invoices(LocalWorld world, List<Placed> placed, SplittableRandom random) {
        List<String> open = placed.stream().filter(p -> p.expectedStatus().equals("HANDLING_STARTED")).map(Placed::storeOrderId).toList();
        Map<String, Item> states = states(world, placed);
        Map<String, Long> ready = new HashMap<>();
        List<String> late = new ArrayList<>();
        long start = System.nanoTime();
        for (String id : open) {
            String numped = states.get(id).string("numped").orElseThrow();
            boolean later = random.nextInt(5) == 0;
            world.winthor.orders().invoice(numped, Map.of(), !later);
            if (later) {
                late.add(numped);
                late.add(id);
            } else {
                ready.put(id, System.nanoTime());
            }
        }
        long publishAt = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        boolean published = false;
        Map<String, Long> arrived = new HashMap<>();
        long deadline = System.nanoTime() + Duration.ofMinutes(20).toNanos();
        while (arrived.size() < open.size() && System.nanoTime() < deadline) {
            if (!published && System.nanoTime() >= publishAt) {
                for (int i = 0; i < late.size(); i += 2) {
                    world.winthor.orders().publishInvoiceDocument(late.get(i));
                    ready.put(late.get(i + 1), System.nanoTime());
                }
                published = true;
            }
            for (String id : open) {
                if (!arrived.containsKey(id) && world.store.orders().order(id).path("packageAttachment").path("packages").size() > 0) {
                    arrived.put(id, System.nanoTime());
                }
            }
            pause(100);
        }
        pause(6_000); // one more firing: a second invoice would show now
        Map<String, Object> out = new LinkedHashMap<>();
        int inStore = 0;
        int duplicates = 0;
        int calls = 0;
        for (String id : open) {
            int packages = world.store.orders().order(id).path("packageAttachment").path("packages").size();
            inStore += packages;
            duplicates += Math.max(0, packages - 1);
            calls += world.store.requests("POST /api/oms/pvt/orders/" + id + "/invoice");
        }
        List<Long> lagMillis = arrived.entrySet().stream().map(e -> (e.getValue() - ready.get(e.getKey())) / 1_000_000).sorted().toList();
        out.put("ordersInvoicedInWinThor", open.size());
        out.put("nfeIssuedLater", late.size() / 2);
        out.put("invoicesInStore", inStore);
        out.put("storeInvoiceCalls", calls);
        out.put("duplicates", duplicates);
        out.put("missing", open.size() - arrived.size());
        out.put("seconds", Measure.seconds(System.nanoTime() - start));
        out.put("lagFromNfeToStoreMillisMedian", percentile(lagMillis, 50));
        out.put("lagFromNfeToStoreMillisWorst", lagMillis.isEmpty() ? null : lagMillis.get(lagMillis.size() - 1));
        return out;
    }

    /** From the order placed in the store (its hook fired) to WinThor taking it, for orders that must reach WinThor. */
    private static Map<String, Object> latency(LocalWorld world, List<Placed> placed) {
        Map<String, List<Long>> arrivals = world.winthor.data().arrivalNanosByStoreOrder();
        // Each order's lag once: its first arrival in WinThor after it was placed.
        Map<String, Long> lagMillis = new HashMap<>();
        placed.stream().filter(p -> arrivals.containsKey(p.storeOrderId())).forEach(p -> lagMillis.put(p.storeOrderId(),
                (arrivals.get(p.storeOrderId()).stream().min(Long::compare).orElseThrow() - p.placedNanos()) / 1_000_000));
        List<Placed> arrived = placed.stream().filter(p -> lagMillis.containsKey(p.storeOrderId()))
                .sorted(java.util.Comparator.comparingLong(p -> lagMillis.get(p.storeOrderId()))).toList();
        java.util.function.Function<List<Placed>, Map<String, Object>> figures = orders -> figures(orders.stream()
                .map(p -> lagMillis.get(p.storeOrderId())).toList());
        Map<String, Object> out = figures.apply(arrived);
        // Where the time goes: the orders without a fault apart, and each fault's.
        Map<String, Object> byFault = new TreeMap<>();
        arrived.stream().collect(Collectors.groupingBy(Placed::fault)).forEach((fault, orders) -> byFault.put(fault.name(), figures.apply(orders)));
        out.put("byFault", byFault);
        // The slowest, with when each was placed: a fault that holds up other orders shows as a cluster in time.
        long first = placed.get(0).placedNanos();
        out.put("slowest", arrived.subList(Math.max(0, arrived.size() - 15), arrived.size()).stream()
                .map(p -> p.fault() + " placed at " + Measure.seconds(p.placedNanos() - first) + " s: " + lagMillis.get(p.storeOrderId()) + " ms").toList());
        out.put("faultsPlacedAtSecond", placed.stream().filter(p -> p.fault() != Trouble.NONE)
                .map(p -> p.fault() + " " + Measure.seconds(p.placedNanos() - first)).toList());
        return out;
    }

    private static Map<String, Object> figures(List<Long> sortedMillis) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("orders", sortedMillis.size());
        out.put("millisP50", percentile(sortedMillis, 50));
        out.put("millisP99", percentile(sortedMillis, 99));
        out.put("millisWorst", sortedMillis.isEmpty() ? null : sortedMillis.get(sortedMillis.size() - 1));
        return out;
    }

    /** The webhook in fresh JVMs (its shaded jar, the template's environment), an order hook with the stack's secret. */
    private static Map<String, Object> coldStart(LocalWorld world, int runs) {
        Path event;
        try {
            String template = Files.readString(RepoRoot.find().resolve("events/order-webhook-ready-for-handling.json"));
            event = Files.createTempFile("order-webhook-cold-start", ".json");
            Files.writeString(event, template.replace("the-stack-generated-secret", world.hookSecret()));
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        try {
            ColdStart.Result result = ColdStart.run(world, "OrderWebhookFunction", event.toString(), runs);
            Map<String, Object> out = new LinkedHashMap<>();
            out.put("runs", runs);
            out.put("jarBytes", result.jarBytes());
            out.put("processStartToFirst200MillisMedian", result.median(result.wallMillis()));
            out.put("jvmStartToFirst200MillisMedian", result.median(result.jvmMillis()));
            out.put("all200", result.responses().stream().allMatch(r -> r.contains("statusCode: 200")));
            return out;
        } finally {
            try {
                Files.deleteIfExists(event);
            } catch (IOException ignored) {
                // a temporary file left behind is harmless
            }
        }
    }

    static Long percentile(List<Long> sorted, int percent) {
        if (sorted.isEmpty()) {
            return null;
        }
        int index = (int) Math.ceil(percent / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, Math.min(sorted.size() - 1, index)));
    }

    /** Keeps the simulated clock on real time, so waits written in clock time take their real length. */
    private static void followRealTime(LocalWorld world, AtomicBoolean running) {
        long last = System.nanoTime();
        while (running.get()) {
            pause(100);
            long now = System.nanoTime();
            world.clock.advance(Duration.ofNanos(now - last));
            last = now;
        }
    }

    private static Thread daemon(String name, Runnable body) {
        Thread thread = new Thread(body, "bench-orders-" + name);
        thread.setDaemon(true);
        return thread;
    }

    private static void join(Thread thread) {
        try {
            thread.join(Duration.ofMinutes(2).toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
