package com.winthorvd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.testkit.runner.LocalRunner;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.testkit.sim.FaultPlan;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.testkit.stack.FunctionSpec;
import com.winthorvd.testkit.stack.LoopbackHttp;
import com.winthorvd.testkit.stack.RepoRoot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ./winthor-vd local up}: the whole integration kept running on this machine, as a deployed stack runs. Every
 * scheduled function fires on its template schedule ({@code speed} times faster), every queue consumer polls with its
 * event source's MaximumConcurrency, the webhook is served over HTTP, the world's clock follows real time, and a small
 * control API lets a person (or curl) play the outside world's part: place a store order, invoice or cancel it in
 * WinThor, inject a fault, rotate the store's AppToken, fire a schedule now.
 */
public final class LocalUp implements AutoCloseable {
    private static final Pattern RATE = Pattern.compile("rate\\((\\d+) (minute|minutes|hour|hours|day|days)\\)");
    /** cron(M H * * ? *): once a day at H:M. */
    private static final Pattern DAILY_CRON = Pattern.compile("cron\\((\\d+) (\\d+) \\* \\* \\? \\*\\)");
    private static final Pattern ORDER_ACTION = Pattern.compile("/control/winthor/orders/([^/]+)/(invoice|cancel)");
    private static final Pattern SCHEDULE = Pattern.compile("/control/schedules/([A-Za-z0-9]+)/([A-Za-z0-9]+)");
    public static final String ROUTES = """
            GET  /control                                  these routes
            POST /control/store/orders                     {"customer": <WinThor customer id>, "items": [{"sku": "<codauxiliar-codprod>", "packs": 2}],
                                                            "payment": "Pix", "hook": true}  places an order as that buyer would (all optional;
                                                            "hook": false drops its hook, as a lost delivery)
            GET  /control/winthor/orders                   WinThor's orders (NUMPED, store order id, status)
            POST /control/winthor/orders/<id>/invoice      invoices it (status F, NF-e ready); <id> is the NUMPED or the store order id
            POST /control/winthor/orders/<id>/cancel       {"reason": "..."}  cancels it in WinThor
            POST /control/faults                           {"system": "store"|"winthor", "endpoint": "PUT /api/...", "kind": "HTTP_500", "times": 1}
            DELETE /control/faults                         clears every fault
            POST /control/store/app-token/rotate           the store accepts only a new AppToken; {"secret": true} also puts it in the stack's secret
            GET  /control/schedules                        every schedule of the template
            POST /control/schedules/<function>/<event>     fires that schedule now and answers with the function's output
            """;

    /** One schedule of the template as it runs here. */
    public record Schedule(String function, String event, String expression, Duration period) {
    }

    private final LocalWorld world;
    private final double speed;
    private final List<Schedule> schedules = new ArrayList<>();
    private final ScheduledExecutorService timers;
    private final List<Thread> pollers = new ArrayList<>();
    private final AtomicBoolean running = new AtomicBoolean(true);
    private HttpServer control;
    private String webhookUrl;

    /** Takes the world over (closing this closes it) and starts everything. */
    /** What the operator commands read this stack by ({@code ./winthor-vd status --stack <stack>}); removed on close. */
    private java.nio.file.Path stackFile;

    public LocalUp(LocalWorld world, double speed) {
        this(world, speed, null);
    }

    /** @param functionLog where the functions' log lines go (the operator's {@code logs} reads it), or null */
    public LocalUp(LocalWorld world, double speed, java.nio.file.Path functionLog) {
        if (!(speed > 0)) {
            throw new IllegalArgumentException("--speed must be positive");
        }
        this.world = world;
        this.speed = speed;
        this.timers = Executors.newScheduledThreadPool(4, daemon("local-up-schedule"));
        try {
            // The world's clock follows real time, so tokens, claims and watermarks age as they would in AWS.
            timers.scheduleAtFixedRate(() -> world.clock.set(Instant.now()), 0, 100, TimeUnit.MILLISECONDS);
            this.webhookUrl = world.webhookUrl();
            this.stackFile = world.deployment.writeStackFile(RepoRoot.find().resolve("target/local-stacks"), functionLog);
            if (world.store != null) {
                world.installHook(orderStates());
            }
            this.control = LoopbackHttp.create("local-up-control", 4, 64);
            control.createContext("/control", this::serveControl);
            control.start();
            for (FunctionSpec function : world.runner.functions()) {
                for (FunctionSpec.EventSpec event : function.events()) {
                    if (event.type().startsWith("Schedule")) {
                        schedule(function.logicalId(), event);
                    } else if (event.type().equals("SQS")) {
                        startPollers(function.logicalId(), event);
                    }
                }
            }
        } catch (RuntimeException e) {
            close();
            throw e;
        }
    }

    private List<String> orderStates() {
        String states = world.runner.function("OrderWebhookFunction").env().get("ORDER_STATES").orElse("ready-for-handling,canceled");
        return List.of(states.split(","));
    }

    /** A schedule's period from its expression: rate(N unit), or a daily cron; null for what it cannot run. */
    static Duration period(String expression) {
        Matcher rate = RATE.matcher(expression);
        if (rate.matches()) {
            long n = Long.parseLong(rate.group(1));
            return switch (rate.group(2)) {
                case "minute", "minutes" -> Duration.ofMinutes(n);
                case "hour", "hours" -> Duration.ofHours(n);
                default -> Duration.ofDays(n);
            };
        }
        return DAILY_CRON.matcher(expression).matches() ? Duration.ofDays(1) : null;
    }

    private void schedule(String function, FunctionSpec.EventSpec event) {
        String expression = String.valueOf(event.properties().get("ScheduleExpression"));
        Duration period = period(expression);
        if (period == null) {
            System.err.println("local up: " + function + "." + event.name() + " (" + expression
                    + ") is not run on a timer here; fire it with POST /control/schedules/" + function + "/" + event.name());
            return;
        }
        long millis = Math.max(100, (long) (period.toMillis() / speed));
        schedules.add(new Schedule(function, event.name(), expression, Duration.ofMillis(millis)));
        // The first firing comes at once, as a newly deployed schedule's does within its first period.
        timers.scheduleWithFixedDelay(() -> fire(function, event.name()), 0, millis, TimeUnit.MILLISECONDS);
    }

    private Object fire(String function, String event) {
        try {
            return world.runner.fireSchedule(function, event);
        } catch (RuntimeException e) {
            System.err.println("local up: " + function + "." + event + " failed: " + e);
            return Map.of("error", String.valueOf(e.getMessage()));
        }
    }

    private void startPollers(String function, FunctionSpec.EventSpec event) {
        int concurrency = world.runner.maximumConcurrency(function);
        for (int i = 0; i < concurrency; i++) {
            int container = i; // each poller its own container, as Lambda runs one invocation per container
            Thread poller = new Thread(() -> {
                while (running.get()) {
                    try {
                        world.runner.pollOnce(function, container, Duration.ofSeconds(1));
                    } catch (RuntimeException e) {
                        if (running.get()) {
                            System.err.println("local up: " + function + " poll failed: " + e);
                        }
                    }
                }
            }, "local-up-" + function + "-" + i);
            poller.setDaemon(true);
            poller.start();
            pollers.add(poller);
        }
    }

    public List<Schedule> schedules() {
        return List.copyOf(schedules);
    }

    public String controlUrl() {
        return LoopbackHttp.url(control) + "/control";
    }

    public String webhookUrl() {
        return webhookUrl;
    }

    /** Everything a person or a script needs to reach the running integration (local values only). */
    public Map<String, Object> endpoints() {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("stack", world.deployment.stackName());
        out.put("operate", "./winthor-vd status --stack " + world.deployment.stackName() + " (also runs, rejections, redrive)");
        out.put("webhookUrl", webhookUrl);
        out.put("hookSecret", world.hookSecret()); // generated for this local stack only
        out.put("hookSecretHeader", com.winthorvd.shared.order.OrderIntakeService.SECRET_HEADER);
        out.put("controlUrl", controlUrl());
        Map<String, String> aws = world.aws.runtimeEnv();
        out.put("dynamodbEndpoint", aws.get(com.winthorvd.shared.aws.AwsClients.ENDPOINT_DYNAMODB));
        out.put("sqsEndpoint", aws.get(com.winthorvd.shared.aws.AwsClients.ENDPOINT_SQS));
        out.put("secretsManagerEndpoint", aws.get(com.winthorvd.shared.aws.AwsClients.ENDPOINT_SECRETS_MANAGER));
        out.put("region", aws.get("AWS_REGION"));
        out.put("stateTable", world.table.tableName());
        Map<String, String> queues = new LinkedHashMap<>();
        for (String id : world.deployment.template().resourcesOfType(com.winthorvd.testkit.stack.LocalDeployment.QUEUE)) {
            queues.put(id, world.deployment.queueUrl(id));
        }
        out.put("queues", queues);
        out.put("winthorUrl", world.winthor != null ? world.winthor.url() : world.runner.function("TokenRefreshFunction").env().get("WINTHOR_URL").orElse(""));
        out.put("winthorSimulated", world.winthor != null);
        if (world.winthor != null) {
            out.put("winthorUser", LocalWorld.USER);
        }
        out.put("storeUrl", world.store != null ? world.store.url() : world.runner.function("CatalogApplyFunction").env().get("STORE_URL").orElse(""));
        out.put("storeSimulated", world.store != null);
        if (world.store != null) {
            out.put("storePricingUrl", world.store.pricingUrl());
            out.put("storeAppKey", com.winthorvd.testkit.sim.StoreSimulator.APP_KEY);
            out.put("storeAppToken", world.store.appToken()); // the simulator's, local only
        }
        out.put("speed", speed);
        out.put("schedules", schedules.stream().map(s -> s.function() + "." + s.event() + " every " + s.period().toMillis() + " ms").toList());
        return out;
    }

    private void serveControl(HttpExchange exchange) throws IOException {
        String method = exchange.getRequestMethod();
        String path = exchange.getRequestURI().getPath().replaceAll("/+$", "");
        JsonNode body;
        try {
            String text = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            body = text.isBlank() ? Json.MAPPER.createObjectNode() : Json.read(text);
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, Map.of("error", e.getMessage()));
            return;
        }
        try {
            synchronized (this) { // one control action at a time: they reach into the simulators' state
                route(exchange, method, path, body);
            }
        } catch (IllegalArgumentException e) {
            answer(exchange, 400, Map.of("error", e.getMessage()));
        } catch (RuntimeException e) {
            answer(exchange, 500, Map.of("error", String.valueOf(e)));
        }
    }

    private void route(HttpExchange exchange, String method, String path, JsonNode body) throws IOException {
        Matcher order = ORDER_ACTION.matcher(path);
        Matcher schedule = SCHEDULE.matcher(path);
        if (method.equals("GET") && path.equals("/control")) {
            LoopbackHttp.send(exchange, 200, "text/plain; charset=utf-8", ROUTES.getBytes(StandardCharsets.UTF_8));
        } else if (method.equals("POST") && path.equals("/control/store/orders")) {
            answer(exchange, 201, placeOrder(body));
        } else if (method.equals("GET") && path.equals("/control/winthor/orders")) {
            answer(exchange, 200, simulatedWinThor().data().orderRecords().stream().map(o -> Map.of(
                    "orderId", o.path("orderId").asText(), "storeOrderId", o.path("orderIdMktplace").asText(""),
                    "status", o.path("orderStatus").asText())).toList());
        } else if (method.equals("POST") && order.matches()) {
            String numped = numped(order.group(1));
            if (order.group(2).equals("invoice")) {
                simulatedWinThor().orders().invoice(numped, Map.of(), true);
            } else {
                simulatedWinThor().orders().cancelInErp(numped, body.path("reason").asText("Cancelado pelo distribuidor"));
            }
            answer(exchange, 200, Map.of("orderId", numped, "done", order.group(2)));
        } else if (method.equals("POST") && path.equals("/control/faults")) {
            answer(exchange, 201, injectFault(body));
        } else if (method.equals("DELETE") && path.equals("/control/faults")) {
            if (world.store != null) {
                world.store.faults().clear();
            }
            if (world.winthor != null) {
                world.winthor.faults().clear();
            }
            answer(exchange, 200, Map.of("cleared", true));
        } else if (method.equals("POST") && path.equals("/control/store/app-token/rotate")) {
            answer(exchange, 200, rotateAppToken(body.path("secret").asBoolean(false)));
        } else if (method.equals("GET") && path.equals("/control/schedules")) {
            answer(exchange, 200, schedules);
        } else if (method.equals("POST") && schedule.matches()) {
            answer(exchange, 200, Map.of("output", String.valueOf(world.runner.fireSchedule(schedule.group(1), schedule.group(2)))));
        } else {
            answer(exchange, 404, Map.of("error", "no control route " + method + " " + path + "; GET /control lists them"));
        }
    }

    private com.winthorvd.testkit.sim.WinThorSimulator simulatedWinThor() {
        if (world.winthor == null) {
            throw new IllegalArgumentException("WinThor is real here (--winthor-url): move its orders in WinThor itself");
        }
        return world.winthor;
    }

    private com.winthorvd.testkit.sim.StoreSimulator simulatedStore() {
        if (world.store == null) {
            throw new IllegalArgumentException("the store is real here (--store-url): place orders in the store itself");
        }
        return world.store;
    }

    /** The NUMPED of an order named by its NUMPED or by the store order id it carries. */
    private String numped(String id) {
        for (JsonNode o : simulatedWinThor().data().orderRecords()) {
            if (o.path("orderId").asText().equals(id) || o.path("orderIdMktplace").asText().equals(id)) {
                return o.path("orderId").asText();
            }
        }
        throw new IllegalArgumentException("WinThor has no order " + id + " (yet: an order reaches it once the push ran)");
    }

    private Map<String, Object> placeOrder(JsonNode body) {
        com.winthorvd.testkit.sim.StoreSimulator store = simulatedStore();
        if (world.winthor == null) {
            throw new IllegalArgumentException("placing an order needs the WinThor simulator's customers and packagings");
        }
        Customer customer = body.hasNonNull("customer") ? world.winthor.data().customers.get(body.get("customer").asText())
                : world.winthor.data().customers.all().stream().filter(c -> c.email() != null && c.active() && !c.blocked())
                .findFirst().orElse(null);
        if (customer == null) {
            throw new IllegalArgumentException("no WinThor customer " + body.path("customer").asText("with an e-mail"));
        }
        OrderDriver driver = new OrderDriver(world);
        List<StoreOrders.Line> lines = new ArrayList<>();
        if (body.has("items")) {
            for (JsonNode item : body.get("items")) {
                String sku = item.path("sku").asText();
                if (!driver.inStore(sku)) {
                    throw new IllegalArgumentException("SKU " + sku + " is not in the store (yet: the catalog sync creates it)");
                }
                lines.add(driver.line(sku, item.path("packs").asInt(1), item.path("cents").asLong(990), "1"));
            }
        } else {
            String sku = world.winthor.data().packagings.all().stream().filter(p -> p.branchId().equals("1"))
                    .map(p -> p.skuKey()).filter(driver::inStore).findFirst()
                    .orElseThrow(() -> new IllegalArgumentException("no SKU in the store yet: wait for the catalog sync"));
            lines.add(driver.line(sku, 1, 990, "1"));
        }
        boolean hook = body.path("hook").asBoolean(true);
        Buyer buyer = OrderDriver.buyerOf(customer);
        String payment = body.path("payment").asText("Pix");
        store.orders().dropHooks(hook ? 0 : 1, 1);
        String id;
        try {
            id = store.orders().place(buyer, payment, lines, 1500, 0);
        } finally {
            store.orders().dropHooks(0, 1);
        }
        return Map.of("orderId", id, "customer", customer.id(), "hook", hook ? "fired" : "dropped");
    }

    private Map<String, Object> injectFault(JsonNode body) {
        String system = body.path("system").asText();
        FaultPlan faults = switch (system) {
            case "store" -> simulatedStore().faults();
            case "winthor" -> simulatedWinThor().faults();
            default -> throw new IllegalArgumentException("\"system\" is store or winthor");
        };
        String endpoint = body.path("endpoint").asText();
        if (!endpoint.matches("(GET|POST|PUT|DELETE|PATCH) /\\S*")) {
            throw new IllegalArgumentException("\"endpoint\" is a method and a path, e.g. \"PUT /api/logistics/pvt/inventory/skus/1/warehouses/filial1\"");
        }
        Fault.Kind kind;
        try {
            kind = Fault.Kind.valueOf(body.path("kind").asText().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("\"kind\" is one of " + java.util.Arrays.toString(Fault.Kind.values()));
        }
        if (kind == Fault.Kind.HELD) {
            throw new IllegalArgumentException("HELD is for tests; use SLOW with \"delayMillis\"");
        }
        if (system.equals("store") && java.util.EnumSet.of(Fault.Kind.EMPTY_PAGE, Fault.Kind.BARE_ARRAY, Fault.Kind.UNREADABLE_RECORD,
                Fault.Kind.COMMIT_THEN_400, Fault.Kind.COMMIT_THEN_409, Fault.Kind.COMMIT_WITHOUT_NUMBER).contains(kind)) {
            throw new IllegalArgumentException(kind + " bends WinThor's answers: use it with \"system\": \"winthor\"");
        }
        Fault fault = kind == Fault.Kind.SLOW ? Fault.slow(Duration.ofMillis(body.path("delayMillis").asLong(10_000))) : Fault.of(kind);
        int times = body.path("times").asInt(1);
        if (times <= 0) {
            faults.always(endpoint, fault);
        } else {
            faults.next(endpoint, fault, times);
        }
        return Map.of("system", system, "endpoint", endpoint, "kind", kind.name(), "times", times <= 0 ? "always" : times);
    }

    private Map<String, Object> rotateAppToken(boolean intoSecret) {
        String token = simulatedStore().rotateAppToken();
        if (intoSecret) {
            world.aws.secrets().putSecretValue(b -> b.secretId(world.deployment.physicalId("StoreAppTokenSecret")).secretString(token));
        }
        return Map.of("storeAppToken", token, "secretUpdated", intoSecret);
    }

    private static void answer(HttpExchange exchange, int status, Object value) throws IOException {
        LoopbackHttp.send(exchange, status, "application/json; charset=utf-8", Json.write(value).getBytes(StandardCharsets.UTF_8));
    }

    private static java.util.concurrent.ThreadFactory daemon(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** Stops the timers, the pollers (each within its 1 s long poll), the control API and the world. */
    @Override
    public void close() {
        running.set(false);
        if (control != null) {
            LoopbackHttp.stop(control);
        }
        timers.shutdownNow();
        try {
            timers.awaitTermination(10, TimeUnit.SECONDS);
            for (Thread poller : pollers) {
                poller.join(5_000);
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        if (stackFile != null) {
            try {
                java.nio.file.Files.deleteIfExists(stackFile);
            } catch (java.io.IOException e) {
                System.err.println("local up: could not remove " + stackFile + ": " + e.getMessage());
            }
        }
        world.close();
    }

    /** The runner behind this (tests drive it directly where they need to). */
    public LocalRunner runner() {
        return world.runner;
    }
}
