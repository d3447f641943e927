package com.winthorvd.local.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.shared.winthor.WtaConventions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * A stateful fake WTA gateway, strict where the real one is (see ../shared/contracts/winthor-wta.md): login only
 * with the MD5 of the password under the configured rule, tokens that expire on the simulator's clock, the
 * {@code {first, items, hasNext}} envelope with 1-based pages, required parameters answered with 400,
 * {@code /health} per service, services that can be switched offline (their prefix then answers Jetty's HTML
 * 404), and injectable faults per endpoint.
 */
public final class WinThorSimulator implements AutoCloseable {
    /** WinThor's local clock: the WTA sends and filters dates without a time zone, in the server's local time. */
    public static final ZoneId WINTHOR_ZONE = ZoneId.of("America/Sao_Paulo");
    static final DateTimeFormatter LOCAL = DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss");
    static final int MAX_PAGE_SIZE = 1000;

    private final Clock clock;
    private final SimServer server;
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<WtaService, Boolean> online = new EnumMap<>(WtaService.class);
    private final Map<WtaService, String> versions = new EnumMap<>(WtaService.class);
    private final List<ObjectNode> branches = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> departments = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> customers = new CopyOnWriteArrayList<>();
    private final List<ObjectNode> stock = new CopyOnWriteArrayList<>();
    private volatile PasswordRule passwordRule = PasswordRule.UPPER;
    private volatile Duration tokenLifetime = Duration.ofHours(2);

    public WinThorSimulator(Clock clock) {
        this.clock = clock;
        for (WtaService service : WtaService.values()) {
            online.put(service, true);
            versions.put(service, "1.0." + (service.ordinal() + 10));
        }
        this.server = new SimServer("winthor", this::handle);
    }

    public String url() {
        return server.url();
    }

    // ---- set-up, for tests, the demo and the benchmarks ----------------------------------------------------

    public WinThorSimulator user(String login, String password) {
        users.put(login.toUpperCase(java.util.Locale.ROOT), password);
        return this;
    }

    public WinThorSimulator passwordRule(PasswordRule rule) {
        this.passwordRule = rule;
        return this;
    }

    public WinThorSimulator tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
        return this;
    }

    public WinThorSimulator online(WtaService service, boolean isOnline) {
        synchronized (online) {
            online.put(service, isOnline);
        }
        return this;
    }

    public WinThorSimulator branch(String id, String name) {
        ObjectNode branch = Json.MAPPER.createObjectNode().put("id", id).put("name", name);
        branches.add(branch);
        return this;
    }

    public WinThorSimulator department(long id, String name, boolean sentToEcommerce, LocalDateTime lastChange) {
        departments.add(Json.MAPPER.createObjectNode().put("id", id).put("name", name)
                .put("active", sentToEcommerce ? "S" : "N").put("lastChange", LOCAL.format(lastChange))
                .put("dtcreate", WtaConventions.EMPTY_DATE));
        return this;
    }

    public WinThorSimulator stock(String branchId, String sku, long quantity) {
        stock.add(Json.MAPPER.createObjectNode().put("productId", sku).put("warehouseBranchId", branchId)
                .put("quantity", quantity).put("lastChange", LOCAL.format(winthorNow())));
        return this;
    }

    public FaultPlan faults() {
        return faults;
    }

    /** How many logins WinThor accepted (the token race test counts them). */
    public int logins() {
        return logins.get();
    }

    /** How many requests reached "METHOD /path" (faulted ones included). */
    public int requests(String methodAndPath) {
        AtomicInteger count = requests.get(methodAndPath);
        return count == null ? 0 : count.get();
    }

    /** Expires every token now, as a WTA restart would. */
    public void revokeAllTokens() {
        tokens.clear();
    }

    public LocalDateTime winthorNow() {
        return LocalDateTime.ofInstant(clock.instant(), WINTHOR_ZONE);
    }

    // ---- routing -------------------------------------------------------------------------------------------

    private void handle(SimHttp http) {
        requests.computeIfAbsent(http.method() + " " + http.path(), k -> new AtomicInteger()).incrementAndGet();
        Fault fault = faults.take(http.method(), http.path());
        if (fault != null && injectBefore(http, fault)) {
            return;
        }
        if (!isOnline(WtaService.GATEWAY)) {
            http.send(503, "text/html;charset=ISO-8859-1", SimHttp.jettyErrorPage(503, "Service Unavailable", http.path()), Map.of());
            return;
        }
        for (WtaService service : WtaService.values()) {
            if (service != WtaService.GATEWAY && http.path().startsWith(service.prefix) && !isOnline(service)) {
                // A stopped OSGi bundle leaves its context unregistered: Jetty answers its HTML 404.
                http.send(404, "text/html;charset=ISO-8859-1", SimHttp.jettyErrorPage(404, "Not Found", http.path()), Map.of());
                return;
            }
        }
        route(http);
        if (fault != null && fault.kind() == Fault.Kind.COMMIT_THEN_DROP && !http.answered()) {
            http.drop();
        }
    }

    private boolean isOnline(WtaService service) {
        synchronized (online) {
            return online.get(service);
        }
    }

    /** Injects the fault; true when the request was answered (or dropped) by it. */
    private boolean injectBefore(SimHttp http, Fault fault) {
        switch (fault.kind()) {
            case HTTP_500 -> http.json(500, Map.of("message", "Erro interno no servidor",
                    "detailedMessage", "java.lang.NullPointerException (simulated)"));
            case HTML_200 -> http.send(200, "text/html;charset=ISO-8859-1",
                    SimHttp.jettyErrorPage(500, "Server Error", http.path()), Map.of());
            case UNAUTHORIZED -> http.json(401, Map.of("message", "Token expirado"));
            case TOO_MANY_REQUESTS -> http.send(429, "application/json", "{\"message\":\"Too many requests\"}", Map.of("Retry-After", "1"));
            case RESET -> http.drop();
            case SLOW -> {
                sleep(fault.delay());
                return false;
            }
            case COMMIT_THEN_DROP -> {
                return false;
            }
            default -> throw new IllegalStateException("unknown fault " + fault);
        }
        return true;
    }

    private static void sleep(Duration delay) {
        try {
            Thread.sleep(delay.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void route(SimHttp http) {
        String path = http.path();
        String method = http.method();
        if (method.equals("POST") && path.equals("/winthor/autenticacao/v1/login")) {
            login(http);
            return;
        }
        for (WtaService service : WtaService.values()) {
            if (method.equals("GET") && path.equals(service.healthPath)) {
                http.send(200, "text/plain;charset=utf-8", "Aplicação ativa", Map.of());
                return;
            }
        }
        if (!authorized(http)) {
            http.json(401, Map.of("message", "Token inválido ou expirado", "detailedMessage", "Faça login novamente"));
            return;
        }
        switch (method + " " + path) {
            case "GET /winthor/autenticacao/v1/logado" -> http.json(200, Map.of("logado", true));
            case "GET /winthor/autenticacao/v1/logout" -> {
                tokens.remove(bearer(http));
                http.send(204, null, "", Map.of());
            }
            case "GET /winthor/ferramenta/servidor/v1/atualizacao" -> http.json(200, features("UPDATE"));
            case "GET /winthor/ferramenta/servidor/v1/instalacao" -> http.json(200, features("INSTALL"));
            case "GET /api/branch/v1/", "GET /api/branch/v1" -> http.json(200, branches);
            case "GET /api/purchases/v1/productDepartments" -> page(http, departments, sinceLastChange(http));
            case "GET /api/wholesale/v1/customer/list" -> page(http, customers, sinceLastChange(http));
            case "GET /api/stock-vtex/v1/available/list" -> availableStock(http);
            default -> http.json(404, Map.of("message", "Recurso não encontrado: " + method + " " + path));
        }
    }

    // ---- authentication ------------------------------------------------------------------------------------

    private void login(SimHttp http) {
        JsonNode body = http.jsonBody();
        if (body == null) {
            return;
        }
        String login = body.path("login").asText("");
        String senha = body.path("senha").asText("");
        if (login.isEmpty() || senha.isEmpty()) {
            http.json(400, Map.of("message", "Campos obrigatórios: login, senha"));
            return;
        }
        String password = users.get(login.toUpperCase(java.util.Locale.ROOT));
        // WinThor compares the MD5 as upper-case hex; a lower-case hex is not what it stores.
        if (password == null || !passwordRule.senha(password).equals(senha)) {
            http.json(401, Map.of("message", "Usuário ou senha inválidos"));
            return;
        }
        String token = UUID.randomUUID().toString().replace("-", "") + UUID.randomUUID().toString().replace("-", "");
        tokens.put(token, clock.instant().plus(tokenLifetime));
        logins.incrementAndGet();
        http.json(200, Map.of("accessToken", token));
    }

    private static String bearer(SimHttp http) {
        String header = http.header("Authorization");
        if (header == null) {
            return null;
        }
        return header.regionMatches(true, 0, "Bearer ", 0, 7) ? header.substring(7).trim() : header.trim();
    }

    private boolean authorized(SimHttp http) {
        String token = bearer(http);
        Instant expiry = token == null ? null : tokens.get(token);
        return expiry != null && clock.instant().isBefore(expiry);
    }

    // ---- lists ---------------------------------------------------------------------------------------------

    private Map<String, Object> features(String command) {
        List<Map<String, Object>> list = new ArrayList<>();
        if (command.equals("UPDATE")) {
            versions.forEach((service, version) -> {
                Map<String, Object> feature = new LinkedHashMap<>();
                feature.put("nome", service.serviceName);
                feature.put("versaoAnterior", version);
                feature.put("versao", bump(version));
                feature.put("comando", "UPDATE");
                feature.put("tipoProjeto", "SERVICO");
                feature.put("status", "LIBERADO");
                list.add(feature);
            });
        }
        return Map.of("repositorios", List.of(), "funcionalidades", list);
    }

    private static String bump(String version) {
        int dot = version.lastIndexOf('.');
        return version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1);
    }

    /** Items changed at or after {@code lastChange} (WinThor's local time); a bad date is a 400. */
    private Predicate<JsonNode> sinceLastChange(SimHttp http) {
        String since = http.param("lastChange");
        if (since == null || since.isEmpty()) {
            return item -> true;
        }
        LocalDateTime from;
        try {
            from = LocalDateTime.parse(since, LOCAL);
        } catch (DateTimeParseException e) {
            http.json(400, Map.of("message", "Parâmetro lastChange inválido: " + since,
                    "detailedMessage", "formato esperado yyyy-MM-ddTHH:mm:ss"));
            return null;
        }
        return item -> !LocalDateTime.parse(item.path("lastChange").asText(WtaConventions.EMPTY_DATE), LOCAL).isBefore(from);
    }

    private void availableStock(SimHttp http) {
        String branchParam = http.param("branchId");
        if (branchParam == null || branchParam.isBlank()) {
            http.json(400, Map.of("message", "O parâmetro branchId é obrigatório"));
            return;
        }
        List<String> branchIds = List.of(branchParam.split(","));
        Predicate<JsonNode> since = sinceLastChange(http);
        if (since != null) {
            page(http, stock, since.and(item -> branchIds.contains(item.path("warehouseBranchId").asText())));
        }
    }

    /** The paging envelope over the matching items; page and pageSize are validated like the WTA does. */
    private static void page(SimHttp http, List<? extends JsonNode> all, Predicate<JsonNode> filter) {
        if (filter == null) {
            return; // already answered 400
        }
        int page;
        int pageSize;
        try {
            page = Integer.parseInt(http.query().getOrDefault("page", "1"));
            pageSize = Integer.parseInt(http.query().getOrDefault("pageSize", "50"));
        } catch (NumberFormatException e) {
            http.json(400, Map.of("message", "page e pageSize devem ser números"));
            return;
        }
        if (page < 1 || pageSize < 1 || pageSize > MAX_PAGE_SIZE) {
            http.json(400, Map.of("message", "page deve ser >= 1 e pageSize entre 1 e " + MAX_PAGE_SIZE));
            return;
        }
        List<JsonNode> matching = all.stream().filter(filter).map(JsonNode.class::cast).toList();
        int from = Math.min(matching.size(), (page - 1) * pageSize);
        int to = Math.min(matching.size(), from + pageSize);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("first", page == 1);
        envelope.put("items", matching.subList(from, to));
        envelope.put("hasNext", to < matching.size());
        http.json(200, envelope);
    }

    @Override
    public void close() {
        server.close();
    }
}
