package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A stateful fake of the VTEX-compatible store (Catalog, Logistics, Pricing): AppKey/AppToken auth, rate limits per
 * endpoint group answered with 429 and Retry-After, faults per endpoint, and VTEX's destructive rules reproduced
 * rather than refused: an inventory PUT without {@code quantity} sets it to 0 and still answers 200; a price PUT
 * replaces every fixed price of the SKU. Every request and response is checked against VTEX's OpenAPI files when
 * they are present; violations are collected for the tests to fail on.
 */
public final class StoreSimulator implements AutoCloseable {
    public static final String APP_KEY = "vtexappkey-winthorvd-LOCAL";
    public static final String APP_TOKEN = "LOCALAPPTOKEN0123456789";

    private final SimServer server;
    private volatile String appToken = APP_TOKEN;
    private final FaultPlan faults = new FaultPlan();
    private final ContractValidator contract;
    private final List<String> violations = new CopyOnWriteArrayList<>();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<String, AtomicInteger> requestsByGroup = new ConcurrentHashMap<>();
    private final StoreRateLimiter limiter = new StoreRateLimiter(System::nanoTime);
    private final AtomicLong ids = new AtomicLong(1);
    private volatile boolean checking = true;
    private volatile long latencyMillis;

    final Map<Long, ObjectNode> categories = new ConcurrentHashMap<>();
    final Map<Long, ObjectNode> brands = new ConcurrentHashMap<>();
    final Map<Long, ObjectNode> products = new ConcurrentHashMap<>();
    final Map<Long, List<String>> salesChannels = new ConcurrentHashMap<>();
    final Map<Long, ObjectNode> skus = new ConcurrentHashMap<>();
    final Map<Long, List<String>> eans = new ConcurrentHashMap<>();
    final Map<String, ObjectNode> warehouses = new ConcurrentHashMap<>();
    /** "sku@warehouse" -> {quantity, unlimitedQuantity, leadTime}. */
    final Map<String, ObjectNode> inventory = new ConcurrentHashMap<>();
    final Map<Long, ObjectNode> prices = new ConcurrentHashMap<>();

    private final StoreOrders orders;
    /** Master Data documents: entity ("CL", "AD") -> id -> document. */
    final Map<String, Map<String, ObjectNode>> documents = new ConcurrentHashMap<>();

    /** @param repoRoot where to find ../shared/contracts/vtex (validation is off without it) */
    public StoreSimulator(Path repoRoot) {
        this(repoRoot, java.time.Clock.systemUTC());
    }

    /** @param clock the store's time (order dates, the feed's visibility) */
    public StoreSimulator(Path repoRoot, java.time.Clock clock) {
        this.contract = ContractValidator.shared(repoRoot);
        this.orders = new StoreOrders(clock);
        StoreRateLimiter.PUBLISHED.forEach(limiter::set); // the store's own limits, until a test says otherwise
        this.server = new SimServer("store", this::handle);
    }

    /** Orders: place them, drop hooks, inspect deliveries. */
    public StoreOrders orders() {
        return orders;
    }

    /** Every Master Data document of an entity, e.g. "AD". */
    public java.util.Collection<ObjectNode> documents(String entity) {
        return List.copyOf(documents.getOrDefault(entity, Map.of()).values());
    }

    /** A Master Data document, e.g. ("CL", id). */
    public ObjectNode document(String entity, String id) {
        return documents.getOrDefault(entity, Map.of()).get(id);
    }

    /** The account host (Catalog, Logistics, Master Data, OMS). */
    public String url() {
        return server.url();
    }

    /** The Pricing host (api.vtex.com/{account} in VTEX); served by the same simulator. */
    /** The store client the functions use, pointed at this simulator with its AppKey and AppToken, with these rate limits. */
    public com.winthorvd.shared.store.VtexStore client(com.winthorvd.shared.store.RateLimits limits) {
        Map<String, String> env = Map.of("STORE_URL", url(), "STORE_PRICING_URL", pricingUrl(), "STORE_APP_KEY", APP_KEY,
                "STORE_APP_TOKEN", appToken);
        com.winthorvd.shared.config.ConfigReader config = new com.winthorvd.shared.config.ConfigReader(com.winthorvd.shared.config.Env.of(env));
        com.winthorvd.shared.store.StoreSettings settings = com.winthorvd.shared.store.StoreSettings.read(config, arn -> {
            throw new IllegalStateException("no secret locally");
        }, java.time.Clock.systemUTC());
        config.validate();
        return settings.store(limits);
    }

    public String pricingUrl() {
        return server.url();
    }

    public FaultPlan faults() {
        return faults;
    }

    /** The AppToken the store accepts now ({@link #APP_TOKEN} until rotated). */
    public String appToken() {
        return appToken;
    }

    /** Rotates the AppToken as the store's owner would: from now on only the new one is accepted. */
    public String rotateAppToken() {
        appToken = "LOCALAPPTOKEN" + java.util.UUID.randomUUID().toString().replace("-", "").substring(0, 16).toUpperCase(java.util.Locale.ROOT);
        return appToken;
    }

    public boolean validatesContract() {
        return checking && contract.available();
    }

    /** Turns the contract check off (benchmarks compare both); tests leave it on. */
    public StoreSimulator checkContract(boolean on) {
        checking = on;
        return this;
    }

    /** Contract violations seen so far (requests and responses). */
    public List<String> violations() {
        return List.copyOf(violations);
    }

    /** Requests per endpoint group and second above which the simulator answers 429 (no burst beyond one second's); 0 removes the limit. */
    public StoreSimulator limit(String group, int perSecond) {
        return limit(group, perSecond, perSecond);
    }

    /**
     * The store account's limit of an endpoint group, for all callers together: calls per second and burst credits
     * (VTEX's Pricing writes: 40 and 1 000, the simulator's default); a rate of 0 removes it.
     */
    public StoreSimulator limit(String group, double perSecond, double burstCredits) {
        limiter.set(group, perSecond <= 0 ? null : new StoreRateLimiter.Limit(perSecond, Math.max(1, burstCredits)));
        return this;
    }

    /**
     * The account's limits as the template's StoreRateLimits gives them ({@code pricing-write=40,logistics=50}), in
     * force for every group named, with the published burst credits where VTEX publishes them and five seconds' worth
     * where it does not (an assumption of this simulator); the published limits stay on the groups not named. Null: no
     * limits at all.
     */
    public StoreSimulator limitAccount(String storeRateLimits) {
        unlimited();
        if (storeRateLimits == null) {
            return this;
        }
        StoreRateLimiter.PUBLISHED.forEach(limiter::set);
        com.winthorvd.shared.store.RateLimits.parse(storeRateLimits).forEach((group, perSecond) -> {
            if (group == com.winthorvd.shared.store.RateLimits.Group.PRICING_READ) {
                return; // VTEX does not limit Pricing's GETs: that figure is the client's own restraint
            }
            StoreRateLimiter.Limit published = StoreRateLimiter.PUBLISHED.get(group.configName());
            limit(group.configName(), perSecond, published != null ? published.burstCredits() * perSecond / published.perSecond() : perSecond * 5);
        });
        return this;
    }

    /** No rate limit on any group, not even the published ones: a store that never answers 429 for its rate. */
    public StoreSimulator unlimited() {
        limiter.clear();
        return this;
    }

    /** The rate limits in force, per group: {perSecond, burstCredits}. */
    public Map<String, double[]> limits() {
        Map<String, double[]> out = new LinkedHashMap<>();
        limiter.limits().forEach((group, limit) -> out.put(group, new double[] {limit.perSecond(), limit.burstCredits()}));
        return out;
    }

    /** How many requests matched "METHOD /path" exactly. */
    public int requests(String methodAndPath) {
        AtomicInteger count = requests.get(methodAndPath);
        return count == null ? 0 : count.get();
    }

    /** Creates a warehouse with one dock, as the store's owner would set it up (the demo's, one per WinThor branch). */
    public StoreSimulator warehouse(String id, String name) {
        ObjectNode body = com.winthorvd.shared.json.Json.MAPPER.createObjectNode().put("id", id).put("name", name);
        body.putArray("warehouseDocks").addObject().put("dockId", "1").put("time", "1.00:00:00").put("cost", "0");
        StoreStock.route(this, "POST", "/api/logistics/pvt/configuration/warehouses", body);
        return this;
    }

    /** Removes a warehouse, as a store owner might: inventories sent to it then answer 404, as VTEX does. */
    public void dropWarehouse(String id) {
        warehouses.remove(id);
    }

    /**
     * A SKU put straight into the catalog, as if the catalog flow had created it: the stock and price benchmarks
     * start from a store that already has the catalog, which is not what they measure. Returns its id.
     */
    public long seedSku(String refId, long productId) {
        long id = nextId();
        ObjectNode sku = object();
        sku.put("Id", id);
        sku.put("ProductId", productId);
        sku.put("RefId", refId);
        sku.put("IsActive", true);
        skus.put(id, sku);
        return id;
    }

    /** How many requests were answered 429 by the rate limits, all groups together. */
    public int throttled() {
        return throttledByGroup().values().stream().mapToInt(Integer::intValue).sum();
    }

    /** How many requests each group answered 429 for its rate limit. */
    public Map<String, Integer> throttledByGroup() {
        return limiter.refused();
    }

    /** Requests per route, each path segment with a digit in it shown as {id}: where a run's store calls went. */
    public Map<String, Integer> requestsByRoute() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        requests.forEach((route, count) -> out.merge(route.replaceAll("/[^/]*[0-9][^/]*", "/{id}"), count.get(), Integer::sum));
        return out;
    }

    /** Requests per endpoint group (catalog, logistics, pricing-write...): what each of the account's limits was asked. */
    public Map<String, Integer> requestsByGroup() {
        Map<String, Integer> out = new java.util.TreeMap<>();
        requestsByGroup.forEach((group, count) -> out.put(group, count.get()));
        return out;
    }

    /** How many requests the store answered in all (the benchmarks' "store calls"). */
    public int totalRequests() {
        return requests.values().stream().mapToInt(AtomicInteger::get).sum();
    }

    // ---- inspection for tests, the demo and the benchmarks -------------------------------------------------

    public Map<Long, ObjectNode> products() {
        return Map.copyOf(products);
    }

    public Map<Long, ObjectNode> skus() {
        return Map.copyOf(skus);
    }

    public Map<Long, ObjectNode> categories() {
        return Map.copyOf(categories);
    }

    public Map<Long, ObjectNode> brands() {
        return Map.copyOf(brands);
    }

    public ObjectNode inventory(long skuId, String warehouseId) {
        return inventory.get(skuId + "@" + warehouseId);
    }

    public ObjectNode price(long skuId) {
        return prices.get(skuId);
    }

    public List<String> salesChannels(long productId) {
        return salesChannels.getOrDefault(productId, List.of());
    }

    public List<String> eans(long skuId) {
        return eans.getOrDefault(skuId, List.of());
    }

    // ---- HTTP ----------------------------------------------------------------------------------------------

    record Reply(int status, Object body, Map<String, String> headers) {
        static Reply ok(Object body) {
            return new Reply(200, body, Map.of());
        }

        static Reply error(int status, String message) {
            return new Reply(status, Map.of("error", Map.of("code", Integer.toString(status), "message", message)), Map.of());
        }
    }

    /**
     * Every answer from now on takes this much longer, as VTEX's take tens to hundreds of milliseconds where loopback
     * takes one: what bounds a container that calls the store one call after another.
     */
    public StoreSimulator latency(java.time.Duration latency) {
        latencyMillis = latency.toMillis();
        return this;
    }

    private void handle(SimHttp http) {
        if (latencyMillis > 0) {
            sleep(latencyMillis);
        }
        String route = http.method() + " " + http.path();
        requests.computeIfAbsent(route, k -> new AtomicInteger()).incrementAndGet();
        String group = group(http.path(), http.method());
        requestsByGroup.computeIfAbsent(group, k -> new AtomicInteger()).incrementAndGet();
        String body = http.body();
        Fault fault = faults.take(http.method(), http.path());
        Reply reply;
        if (fault != null && fault.kind() != Fault.Kind.SLOW && fault.kind() != Fault.Kind.COMMIT_THEN_DROP
                && fault.kind() != Fault.Kind.HELD) {
            injectFault(http, fault);
            return;
        }
        if (fault != null && fault.kind() == Fault.Kind.SLOW) {
            sleep(fault.delay().toMillis());
        }
        if (fault != null && fault.kind() == Fault.Kind.HELD) {
            fault.gate().hold();
        }
        if (!APP_KEY.equals(http.header("X-VTEX-API-AppKey")) || !appToken.equals(http.header("X-VTEX-API-AppToken"))) {
            reply = Reply.error(401, "Unauthorized: invalid X-VTEX-API-AppKey or X-VTEX-API-AppToken");
        } else {
            StoreRateLimiter.Verdict verdict = limiter.take(group);
            reply = verdict.allowed() ? route(http, body)
                    : new Reply(429, Map.of("error", Map.of("code", "429", "message", "Too many requests")), Map.of());
            if (!verdict.headers().isEmpty()) {
                Map<String, String> headers = new LinkedHashMap<>(reply.headers());
                headers.putAll(verdict.headers());
                reply = new Reply(reply.status(), reply.body(), headers);
            }
        }
        String text = reply.body() == null ? "" : reply.body() instanceof String s ? s : Json.write(reply.body());
        if (validatesContract() && reply.status() != 401 && reply.status() != 429) {
            // VTEX's specs document success answers only: error answers are checked for their request alone.
            boolean success = reply.status() >= 200 && reply.status() < 300;
            violations.addAll(contract.check(http.method(), http.path(), http.query(), headers(http), body,
                    success ? reply.status() : 0, text));
        }
        if (fault != null && fault.kind() == Fault.Kind.COMMIT_THEN_DROP) {
            http.drop();
            return;
        }
        http.send(reply.status(), "application/json; charset=utf-8", text, reply.headers());
    }

    private static Map<String, String> headers(SimHttp http) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (String name : List.of("Accept", "Content-Type", "X-VTEX-API-AppKey", "X-VTEX-API-AppToken")) {
            if (http.header(name) != null) {
                headers.put(name, http.header(name));
            }
        }
        return headers;
    }

    private static void injectFault(SimHttp http, Fault fault) {
        switch (fault.kind()) {
            case HTTP_500 -> http.json(500, Map.of("error", Map.of("code", "500", "message", "Internal error (simulated)")));
            case HTTP_400 -> http.json(400, Map.of("error", Map.of("code", "1", "message", "Invoice refused (simulated)")));
            case HTML_200 -> http.send(200, "text/html", "<html><body>Bad gateway (simulated)</body></html>", Map.of());
            case UNAUTHORIZED -> http.json(401, Map.of("error", Map.of("code", "401", "message", "Unauthorized (simulated)")));
            case TOO_MANY_REQUESTS -> http.send(429, "application/json", "{\"error\":{\"message\":\"Too many requests\"}}",
                    Map.of("Retry-After", Long.toString(Math.max(1, fault.delay().toSeconds()))));
            case RESET -> http.drop();
            default -> throw new IllegalStateException("unhandled fault " + fault);
        }
    }

    private static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    static String group(String path, String method) {
        if (path.startsWith("/pricing")) {
            return method.equals("GET") ? "pricing-read" : "pricing-write";
        }
        if (path.startsWith("/api/logistics")) {
            return "logistics";
        }
        if (path.startsWith("/api/dataentities")) {
            return "master-data";
        }
        if (path.startsWith("/api/oms") || path.startsWith("/api/orders")) {
            return "orders";
        }
        return "catalog";
    }

    private static final Pattern ID = Pattern.compile("([^/]+)");

    /** Route templates compiled once: every request tries several. */
    private static final Map<String, Pattern> TEMPLATES = new ConcurrentHashMap<>();

    private static Matcher match(String template, String path) {
        Matcher matcher = TEMPLATES.computeIfAbsent(template, t -> Pattern.compile(t.replace("{}", ID.pattern()))).matcher(path);
        return matcher.matches() ? matcher : null;
    }

    private Reply route(SimHttp http, String body) {
        String path = http.path();
        String method = http.method();
        Matcher m;
        JsonNode json = body == null || body.isBlank() ? null : parse(body);
        if (json == null && (method.equals("POST") || method.equals("PUT")) && body != null && !body.isBlank()) {
            return Reply.error(400, "Malformed JSON body");
        }
        if (method.equals("GET") && (m = match("/api/catalog_system/pub/category/tree/{}", path)) != null) {
            return Reply.ok(StoreCatalog.tree(this, Integer.parseInt(m.group(1))));
        }
        if (path.equals("/api/catalog/pvt/category") && method.equals("POST")) {
            return StoreCatalog.saveCategory(this, null, json);
        }
        if ((m = match("/api/catalog/pvt/category/{}", path)) != null) {
            return method.equals("PUT") ? StoreCatalog.saveCategory(this, Long.parseLong(m.group(1)), json)
                    : found(categories.get(Long.parseLong(m.group(1))), "category");
        }
        if (path.equals("/api/catalog_system/pvt/brand/list") && method.equals("GET")) {
            return Reply.ok(StoreCatalog.brandList(this));
        }
        if (path.equals("/api/catalog/pvt/brand") && method.equals("POST")) {
            return StoreCatalog.saveBrand(this, false, json == null ? -1 : json.path("Id").asLong(-1), json);
        }
        if ((m = match("/api/catalog/pvt/brand/{}", path)) != null) {
            return method.equals("PUT") ? StoreCatalog.saveBrand(this, true, Long.parseLong(m.group(1)), json)
                    : found(brands.get(Long.parseLong(m.group(1))), "brand");
        }
        if ((m = match("/api/catalog_system/pvt/products/productgetbyrefid/{}", path)) != null) {
            String ref = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            return found(StoreCatalog.byRefId(products, ref).orElse(null), "product");
        }
        if (path.equals("/api/catalog/pvt/product") && method.equals("POST")) {
            return StoreCatalog.saveProduct(this, null, json);
        }
        if ((m = match("/api/catalog/pvt/product/{}/salespolicy/{}", path)) != null && method.equals("POST")) {
            return StoreCatalog.addOnce(products, salesChannels, Long.parseLong(m.group(1)), m.group(2), "Product");
        }
        if ((m = match("/api/catalog/pvt/product/{}", path)) != null) {
            return method.equals("PUT") ? StoreCatalog.saveProduct(this, Long.parseLong(m.group(1)), json)
                    : found(products.get(Long.parseLong(m.group(1))), "product");
        }
        if ((m = match("/api/catalog_system/pvt/sku/stockkeepingunitidbyrefid/{}", path)) != null) {
            String ref = java.net.URLDecoder.decode(m.group(1), java.nio.charset.StandardCharsets.UTF_8);
            return StoreCatalog.byRefId(skus, ref)
                    .map(s -> Reply.ok(Json.MAPPER.getNodeFactory().textNode(Long.toString(s.path("Id").asLong())))).orElse(Reply.error(404, "SKU RefId " + ref + " not found"));
        }
        if (path.equals("/api/catalog/pvt/stockkeepingunit") && method.equals("POST")) {
            return StoreCatalog.saveSku(this, null, json);
        }
        if ((m = match("/api/catalog/pvt/stockkeepingunit/{}/ean/{}", path)) != null && method.equals("POST")) {
            return StoreCatalog.addOnce(skus, eans, Long.parseLong(m.group(1)), m.group(2), "SKU");
        }
        if ((m = match("/api/catalog/pvt/stockkeepingunit/{}", path)) != null) {
            return method.equals("PUT") ? StoreCatalog.saveSku(this, Long.parseLong(m.group(1)), json)
                    : found(skus.get(Long.parseLong(m.group(1))), "SKU");
        }
        Reply stock = StoreStock.route(this, method, path, json);
        if (stock != null) {
            return stock;
        }
        Reply order = orders.route(method, path, json);
        if (order != null) {
            return order;
        }
        if ((m = match("/api/dataentities/{}/documents/{}", path)) != null) {
            String id = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            Map<String, ObjectNode> entity = documents.computeIfAbsent(m.group(1), e -> new ConcurrentHashMap<>());
            if (method.equals("PUT")) {
                if (json == null || !json.isObject()) {
                    return Reply.error(400, "a JSON document is expected");
                }
                ObjectNode document = json.deepCopy();
                document.put("id", id);
                entity.put(id, document); // PUT replaces the whole document
                return new Reply(204, null, Map.of());
            }
            ObjectNode document = entity.get(id);
            if (document == null) {
                return Reply.error(404, m.group(1) + " document " + id + " not found");
            }
            ObjectNode answer = document.deepCopy();
            answer.put("accountId", "0f3c5a2b-winthorvd-local");
            answer.put("accountName", "winthorvd");
            answer.put("dataEntityId", m.group(1));
            return Reply.ok(answer);
        }
        return Reply.error(404, "No such operation: " + method + " " + path);
    }

    private static JsonNode parse(String body) {
        try {
            return Json.MAPPER.readTree(body);
        } catch (java.io.IOException e) {
            return null;
        }
    }

    private static Reply found(Object value, String what) {
        return value == null ? Reply.error(404, what + " not found") : Reply.ok(value);
    }

    long nextId() {
        return ids.getAndIncrement();
    }

    static ArrayNode array() {
        return Json.MAPPER.createArrayNode();
    }

    static ObjectNode object() {
        return Json.MAPPER.createObjectNode();
    }

    @Override
    public void close() {
        server.close();
    }
}
