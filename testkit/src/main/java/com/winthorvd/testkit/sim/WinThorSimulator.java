package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.shared.winthor.model.Department;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A stateful fake WTA gateway, strict where the real one is (see ../shared/contracts/winthor-wta.md): login only
 * with the MD5 of the password under the configured rule, tokens that expire on the simulator's clock, the
 * {@code {first, items, hasNext}} envelope with 1-based pages, required parameters answered with 400,
 * {@code /health} per service, services that can be switched offline (their prefix then answers Jetty's HTML
 * 404), and injectable faults per endpoint. The data endpoints are in {@link WtaRoutes}.
 */
public final class WinThorSimulator implements AutoCloseable {
    /** WinThor's local clock: the WTA sends and filters dates without a time zone, in the server's local time. */
    public static final ZoneId WINTHOR_ZONE = ZoneId.of("America/Sao_Paulo");

    private final Clock clock;
    private final SimServer server;
    private final FaultPlan faults = new FaultPlan();
    private final Map<String, String> users = new ConcurrentHashMap<>();
    private final Map<String, Instant> tokens = new ConcurrentHashMap<>();
    private final AtomicInteger logins = new AtomicInteger();
    private final Map<String, AtomicInteger> requests = new ConcurrentHashMap<>();
    private final Map<WtaService, Boolean> online = new EnumMap<>(WtaService.class);
    private final Map<WtaService, String> versions = new EnumMap<>(WtaService.class);
    private final WinThorData data = new WinThorData();
    private final WtaRoutes routes;
    private volatile PasswordRule passwordRule = PasswordRule.UPPER;
    private volatile Duration tokenLifetime = Duration.ofHours(2);

    public WinThorSimulator(Clock clock) {
        this.clock = clock;
        for (WtaService service : WtaService.values()) {
            online.put(service, true);
            versions.put(service, "1.0." + (service.ordinal() + 10));
        }
        this.routes = new WtaRoutes(data, this::winthorNow);
        this.server = new SimServer("winthor", this::handle);
    }

    public String url() {
        return server.url();
    }

    // ---- set-up, for tests, the demo and the benchmarks ----------------------------------------------------

    public WinThorSimulator user(String login, String password) {
        users.put(login.toUpperCase(Locale.ROOT), password);
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

    /** The list at {@code path} answers its records without {@code field}, as a WTA that does not send it would. */
    public WinThorSimulator withoutField(String path, String field) {
        data.fieldsLeftOut.computeIfAbsent(path, p -> java.util.concurrent.ConcurrentHashMap.newKeySet()).add(field);
        return this;
    }

    /** Answers orders without orderIdMktplace and observation (false), as a WTA that does not echo them would. */
    public WinThorSimulator echoStoreReferences(boolean echo) {
        data.echoesStoreReferences = echo;
        return this;
    }

    public WinThorSimulator online(WtaService service, boolean isOnline) {
        synchronized (online) {
            online.put(service, isOnline);
        }
        return this;
    }

    /** The version routine 801 reports installed for the service (an update installed by the distributor's IT). */
    public WinThorSimulator installed(WtaService service, String version) {
        synchronized (versions) {
            versions.put(service, version);
        }
        return this;
    }

    public WinThorSimulator branch(String id, String name) {
        data.branches.put(id, name);
        return this;
    }

    public WinThorSimulator department(long id, String name, boolean sentToEcommerce, LocalDateTime lastChange) {
        data.departments.put(new Department(id, name, sentToEcommerce, lastChange));
        return this;
    }

    /** The simulated database, for tests, the demo and the generator to fill and inspect. */
    public WinThorData data() {
        return data;
    }

    /** ERP-side order moves (invoicing, cancelling) that tests and the demo make. */
    public WtaRoutes orders() {
        return routes;
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
        return LocalDateTime.ofInstant(clock.instant(), WINTHOR_ZONE).withNano(0);
    }

    // ---- routing -------------------------------------------------------------------------------------------

    private void handle(SimHttp http) {
        requests.computeIfAbsent(http.method() + " " + http.path(), k -> new AtomicInteger()).incrementAndGet();
        Fault fault = faults.take(http.method(), http.path());
        try {
            handle(http, fault);
        } finally {
            if (fault != null && fault.gate() != null) {
                fault.gate().served();
            }
        }
    }

    private void handle(SimHttp http, Fault fault) {
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
        if (fault != null && fault.kind() == Fault.Kind.COMMIT_THEN_DROP) {
            http.dropAnswer();
        }
        route(http);
    }

    private boolean isOnline(WtaService service) {
        synchronized (online) {
            return online.get(service);
        }
    }

    /** Injects the fault; true when the request was answered (or dropped) by it. */
    private static boolean injectBefore(SimHttp http, Fault fault) {
        switch (fault.kind()) {
            case HTTP_400 -> http.json(400, Map.of("message", "Requisição recusada (simulado)"));
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
            case HELD -> {
                fault.gate().hold();
                return false;
            }
            case COMMIT_THEN_DROP -> {
                return false;
            }
            case COMMIT_THEN_400 -> {
                http.refuseAfterWrite(400);
                return false;
            }
            case COMMIT_THEN_409 -> {
                http.refuseAfterWrite(409);
                return false;
            }
            case COMMIT_WITHOUT_NUMBER -> {
                http.reshape(answer -> answer.isObject() ? ((com.fasterxml.jackson.databind.node.ObjectNode) answer.deepCopy())
                        .without(List.of("orderId", "id")) : answer);
                return false;
            }
            case EMPTY_PAGE -> {
                http.reshape(page -> page.has("items") ? Json.MAPPER.createObjectNode().put("first", false).put("hasNext", true)
                        .set("items", Json.MAPPER.createArrayNode()) : page);
                return false;
            }
            case BARE_ARRAY -> {
                http.reshape(page -> page.has("items") ? page.get("items") : page);
                return false;
            }
            case UNREADABLE_RECORD -> {
                http.reshape(page -> {
                    if (page.path("items").size() > 0) {
                        ((com.fasterxml.jackson.databind.node.ObjectNode) page.get("items").get(0)).put("lastChange", "ontem à tarde");
                    }
                    return page;
                });
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
            case "GET /winthor/autenticacao/v1/logout" -> {
                tokens.remove(bearer(http));
                http.send(204, null, "", Map.of());
            }
            case "GET /winthor/ferramenta/servidor/v1/atualizacao" -> http.json(200, features());
            case "GET /winthor/ferramenta/servidor/v1/instalacao" -> http.json(200, Map.of("repositorios", List.of(), "funcionalidades", List.of()));
            default -> {
                if (!routes.handle(http)) {
                    http.json(404, Map.of("message", "Recurso não encontrado: " + method + " " + path));
                }
            }
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
        String password = users.get(login.toUpperCase(Locale.ROOT));
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

    private Map<String, Object> features() {
        List<Map<String, Object>> list = new ArrayList<>();
        Map<WtaService, String> installed;
        synchronized (versions) {
            installed = new EnumMap<>(versions);
        }
        installed.forEach((service, version) -> {
            Map<String, Object> feature = new LinkedHashMap<>();
            feature.put("nome", service.serviceName);
            feature.put("versaoAnterior", version);
            int dot = version.lastIndexOf('.');
            feature.put("versao", version.substring(0, dot + 1) + (Integer.parseInt(version.substring(dot + 1)) + 1));
            feature.put("comando", "UPDATE");
            feature.put("tipoProjeto", "SERVICO");
            feature.put("status", "LIBERADO");
            list.add(feature);
        });
        return Map.of("repositorios", List.of(), "funcionalidades", list);
    }

    @Override
    public void close() {
        server.close();
    }
}
