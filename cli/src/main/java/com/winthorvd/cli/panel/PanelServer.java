package com.winthorvd.cli.panel;

import com.winthorvd.cli.ops.Operations;
import com.winthorvd.cli.ops.PtBr;
import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.store.VtexStore;
import com.winthorvd.shared.winthor.WinThorApi;
import io.javalin.Javalin;
import io.javalin.http.Context;
import io.javalin.http.Cookie;
import io.javalin.http.SameSite;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import org.thymeleaf.TemplateEngine;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateresolver.ClassLoaderTemplateResolver;

/**
 * The implementer's panel: server-rendered pages in Portuguese over {@link Operations} (the same queries and actions as
 * the CLI), served on 127.0.0.1 only. Every action is a POST carrying the page's CSRF token, which must also match the
 * SameSite=Strict cookie the pages set; a request naming another host (DNS rebinding) is refused.
 */
public final class PanelServer implements AutoCloseable {
    static final String CSRF_COOKIE = "wvd-csrf";
    static final int DEAD_LETTERS_SHOWN = 10;
    public static final int RUNS_SHOWN = 30;
    static final int ORDERS_SHOWN = 200;

    private final Operations operations;
    private final Clock clock;
    private final Supplier<Optional<WinThorApi>> winthor;
    private final Optional<VtexStore> store;
    private final TemplateEngine templates = templates();
    private final String csrf = token();
    private final Javalin app;

    /**
     * @param winthor a live WinThor read for "why isn't it in the store?", logged in per question (a panel stays up
     *                longer than a token lives); empty when no WTA was given
     * @param store   a live store read for the same question; empty when no store was given
     */
    public PanelServer(Operations operations, Clock clock, int port, Supplier<Optional<WinThorApi>> winthor, Optional<VtexStore> store) {
        this.operations = operations;
        this.clock = clock;
        this.winthor = winthor;
        this.store = store;
        this.app = Javalin.create(config -> config.showJavalinBanner = false);
        app.before(this::sameHostOnly);
        app.get("/", this::overview);
        app.get("/rejeitados", this::rejections);
        app.get("/rejeitados.csv", ctx -> {
            ctx.contentType("text/csv; charset=utf-8").header("Content-Disposition", "attachment; filename=\"rejeitados.csv\"")
                    .result(Operations.csv(operations.rejections(entity(ctx.queryParam("entidade")), blankToNull(ctx.queryParam("motivo")))));
        });
        app.get("/explicar", this::explain);
        app.get("/pedidos", ctx -> page(ctx, "orders", Map.of("rejected", operations.rejectedOrders(),
                "recent", operations.recentOrders(ORDERS_SHOWN),
                "done", Optional.ofNullable(ctx.queryParam("reenviado")).orElse(""), "ok", "true".equals(ctx.queryParam("ok")))));
        app.get("/pedidos/{id}/reenviar", ctx -> page(ctx, "confirm", Map.of("action", "/pedidos/" + ctx.pathParam("id") + "/reenviar",
                "question", "Reenviar o pedido " + ctx.pathParam("id") + " ao WinThor?", "back", "/pedidos",
                "detail", "Faça isto só depois de corrigir a causa da rejeição. O pedido volta à fila e entra no WinThor uma única vez.")));
        app.post("/pedidos/{id}/reenviar", ctx -> {
            checkCsrf(ctx);
            boolean ok = operations.retryOrder(ctx.pathParam("id"));
            ctx.redirect("/pedidos?reenviado=" + java.net.URLEncoder.encode(ctx.pathParam("id"), java.nio.charset.StandardCharsets.UTF_8) + "&ok=" + ok);
        });
        app.get("/filas", this::queues);
        app.get("/filas/{fila}/reprocessar", ctx -> {
            String queue = Operations.queues(ctx.pathParam("fila")).get(0);
            page(ctx, "confirm", Map.of("action", "/filas/" + queue + "/reprocessar", "question",
                    "Reprocessar a DLQ de " + queue + "?", "back", "/filas", "detail",
                    "As mensagens voltam à fila de origem e são aplicadas de novo. Corrija antes a causa que as levou à DLQ."));
        });
        app.post("/filas/{fila}/reprocessar", ctx -> {
            checkCsrf(ctx);
            String queue = Operations.queues(ctx.pathParam("fila")).get(0);
            long moved = operations.redrive(List.of(queue), false).get(0).moved();
            ctx.redirect("/filas?reprocessada=" + queue + "&movidas=" + moved);
        });
        app.get("/execucoes", this::runs);
        app.exception(UsageException.class, (e, ctx) -> page(ctx.status(400), "error", Map.of("message", e.getMessage())));
        app.exception(Exception.class, (e, ctx) -> page(ctx.status(500), "error", Map.of("message",
                "Falha ao consultar a pilha " + operations.stackName() + ": " + e.getMessage())));
        app.start("127.0.0.1", port);
    }

    /** Where the panel answers. */
    public String url() {
        return "http://127.0.0.1:" + app.port() + "/";
    }

    @Override
    public void close() {
        app.stop();
    }

    private void overview(Context ctx) {
        Operations.Hourly lag = operations.stockLagPerHour();
        int last = lag.hours().size() - 1;
        Map<String, Object> model = new HashMap<>();
        model.put("status", operations.status());
        model.put("lagHour", last < 0 ? null : lag.hours().get(last));
        model.put("lagSeconds", last < 0 ? null : lag.values().get(last).values().iterator().next());
        page(ctx, "overview", model);
    }

    private void rejections(Context ctx) {
        CatalogEntity entity = entity(ctx.queryParam("entidade"));
        String reason = blankToNull(ctx.queryParam("motivo"));
        Map<String, Object> model = new HashMap<>();
        model.put("rejections", operations.rejections(entity, reason));
        model.put("entities", CatalogEntity.values());
        model.put("labels", java.util.Arrays.stream(CatalogEntity.values()).collect(java.util.stream.Collectors.toMap(CatalogEntity::id,
                CatalogEntity::label)));
        model.put("entity", entity == null ? "" : entity.id());
        model.put("reason", reason == null ? "" : reason);
        model.put("csvQuery", "?entidade=" + (entity == null ? "" : entity.id()) + "&motivo=" + (reason == null ? "" : reason));
        page(ctx, "rejections", model);
    }

    private void explain(Context ctx) {
        String kind = Optional.ofNullable(ctx.queryParam("tipo")).orElse("product");
        String key = Optional.ofNullable(ctx.queryParam("chave")).map(String::trim).orElse("");
        Map<String, Object> model = new HashMap<>();
        model.put("kinds", Operations.EXPLAIN_KINDS);
        model.put("kind", kind);
        model.put("key", key);
        model.put("answers", key.isEmpty() ? List.of() : operations.explain(kind, key, winthor.get(), store));
        model.put("live", store.isPresent() ? "WinThor e loja lidos agora" : "só o estado da integração (sem leitura ao vivo: abra o painel com"
                + " --winthor-url/--user e --store-url/--app-key para ler o WinThor e a loja agora)");
        page(ctx, "explain", model);
    }

    private void queues(Context ctx) {
        Map<String, Object> deadLetters = new java.util.LinkedHashMap<>();
        for (String queue : Operations.QUEUES.keySet()) {
            deadLetters.put(queue, operations.deadLetters(queue, DEAD_LETTERS_SHOWN));
        }
        Map<String, Object> model = new HashMap<>();
        model.put("queues", operations.queueStates());
        model.put("deadLetters", deadLetters);
        model.put("done", Optional.ofNullable(ctx.queryParam("reprocessada")).orElse(""));
        model.put("moved", Optional.ofNullable(ctx.queryParam("movidas")).orElse("0"));
        page(ctx, "queues", model);
    }

    private void runs(Context ctx) {
        String flow = Optional.ofNullable(ctx.queryParam("fluxo")).orElse("catalog-sync");
        var runs = operations.runs(flow, RUNS_SHOWN);
        PtBr ptBr = new PtBr(clock.instant());
        page(ctx, "runs", Map.of("flows", Operations.FLOWS, "flow", flow, "runs", runs, "chart", BarChart.ofRuns(runs, ptBr),
                "applied", BarChart.ofHours(operations.appliedPerHour(flow), ptBr), "lag", BarChart.ofHours(operations.stockLagPerHour(), ptBr)));
    }

    private void page(Context ctx, String template, Map<String, Object> model) {
        org.thymeleaf.context.Context page = new org.thymeleaf.context.Context(PtBr.LOCALE);
        page.setVariables(model);
        page.setVariable("fmt", new PtBr(clock.instant()));
        page.setVariable("csrf", csrf);
        page.setVariable("stack", operations.stackName());
        page.setVariable("page", template);
        ctx.cookie(new Cookie(CSRF_COOKIE, csrf, "/", -1, false, 0, true, null, null, SameSite.STRICT));
        ctx.html(templates.process(template, page));
    }

    /** The token must come in the form and in the cookie, both this server's: a page of another site has neither. */
    private void checkCsrf(Context ctx) {
        if (!csrf.equals(ctx.formParam("csrf")) || !csrf.equals(ctx.cookie(CSRF_COOKIE))) {
            throw new UsageException("pedido recusado: o formulário não veio desta página do painel (token CSRF ausente ou errado);"
                    + " recarregue a página e tente de novo");
        }
    }

    /** Only 127.0.0.1 or localhost at this port: a page elsewhere that rebinds its own name to 127.0.0.1 is refused. */
    private void sameHostOnly(Context ctx) {
        String host = Optional.ofNullable(ctx.header("Host")).orElse("");
        if (!host.equals("127.0.0.1:" + app.port()) && !host.equals("localhost:" + app.port())) {
            ctx.status(403).result("winthor-vd panel: only http://127.0.0.1:" + app.port() + "/");
            ctx.skipRemainingHandlers();
        }
    }

    private static CatalogEntity entity(String id) {
        return id == null || id.isBlank() ? null : CatalogEntity.of(id);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }

    private static String token() {
        byte[] bytes = new byte[32];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    private static TemplateEngine templates() {
        ClassLoaderTemplateResolver resolver = new ClassLoaderTemplateResolver();
        resolver.setPrefix("panel/");
        resolver.setSuffix(".html");
        resolver.setTemplateMode(TemplateMode.HTML);
        resolver.setCharacterEncoding("UTF-8");
        TemplateEngine engine = new TemplateEngine();
        engine.setTemplateResolver(resolver);
        return engine;
    }
}
