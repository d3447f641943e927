package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogRules;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.explain.Explain;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.queue.Redrive;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Product;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The operator's view of a deployed (or {@code local up}) stack, by its name: {@code status} (one screen, exit 1 when
 * something needs attention, for cron), {@code runs} (the run log, routine 810's counterpart), {@code rejections}
 * (what to take to the distributor, with the WinThor routine), {@code redrive} (a DLQ back to its queue) and
 * {@code explain} (why a record or an order is not in the store, and what to do).
 */
public final class OperationsCommand {
    /** The scheduled flows, in the order a run goes: their run logs are what status shows. */
    static final List<String> FLOWS = List.of("token-refresh", "catalog-sync", "stock-sync", "price-sync", "order-reconcile",
            "order-status", HealthService.FLOW);
    /** Each queue the CLI names, its DLQ and source as the template names them. */
    static final Map<String, String[]> QUEUES = new LinkedHashMap<>();

    static {
        QUEUES.put("catalog", new String[] {"CatalogDeadLetterQueue", "CatalogQueue"});
        QUEUES.put("stock", new String[] {"StockDeadLetterQueue", "StockQueue"});
        QUEUES.put("price", new String[] {"PriceDeadLetterQueue", "PriceQueue"});
        QUEUES.put("orders", new String[] {"OrderDeadLetterQueue", "OrderQueue"});
    }

    private final PrintStream out;
    private final Map<String, String> env;
    private final Clock clock;

    public OperationsCommand(PrintStream out, Map<String, String> env, Clock clock) {
        this.out = out;
        this.env = env;
        this.clock = clock;
    }

    private StackResources stack(Args args) {
        return StackResources.resolve(args.option("stack").orElseThrow(() -> new Args.UsageException(
                "needs --stack <stack name> (a deployed stack, or the one ./winthor-vd local up printed)")), env);
    }

    // ---- status

    public int status(Args args) {
        StackResources stack = stack(args);
        StateTable table = stack.stateTable();
        Instant now = clock.instant();
        List<String> attention = new ArrayList<>();
        Map<String, Object> report = new LinkedHashMap<>();
        report.put("stack", stack.stackName());

        List<String> names = Stream.concat(WtaService.REQUIRED.stream().map(s -> s.serviceName), Stream.of(HealthService.STORE)).toList();
        List<HealthService.ServiceState> services = HealthService.lastStates(table, names);
        if (services.isEmpty()) {
            attention.add("no health check has run yet (HealthCheckFunction, every 5 minutes)");
        }
        services.stream().filter(s -> !s.online()).forEach(s -> attention.add(s.name() + " offline since " + s.offlineChecks()
                + " check(s): " + s.detail()));
        report.put("services", services);

        Map<String, Object> flows = new LinkedHashMap<>();
        RunLog runLog = new RunLog(table, clock);
        for (String flow : FLOWS) {
            List<RunRecord> runs = runLog.recent(flow, 1);
            flows.put(flow, runs.isEmpty() ? null : runs.get(0));
            if (!runs.isEmpty() && "FAILED".equals(runs.get(0).status())) {
                attention.add(flow + ": its last run FAILED: " + String.join("; ", runs.get(0).errors()));
            }
        }
        report.put("flows", flows);

        Map<String, Object> queues = new LinkedHashMap<>();
        try (SqsClient sqs = stack.sqs()) {
            for (Map.Entry<String, String[]> queue : QUEUES.entrySet()) {
                Map<QueueAttributeName, String> source = depth(sqs, stack.physicalId(queue.getValue()[1]));
                Map<QueueAttributeName, String> dlq = depth(sqs, stack.physicalId(queue.getValue()[0]));
                long dead = Long.parseLong(dlq.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
                Map<String, Object> depths = new LinkedHashMap<>();
                depths.put("waiting", Long.parseLong(source.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
                depths.put("inFlight", Long.parseLong(source.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
                depths.put("deadLetters", dead);
                queues.put(queue.getKey(), depths);
                if (dead > 0) {
                    attention.add(queue.getKey() + " DLQ holds " + dead + " message(s): fix the cause, then ./winthor-vd redrive --queue "
                            + queue.getKey() + " --stack " + stack.stackName());
                }
            }
            if (stack.has("FailedInvocationsQueue")) {
                long failed = Long.parseLong(depth(sqs, stack.physicalId("FailedInvocationsQueue"))
                        .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
                queues.put("failedInvocations", failed);
                if (failed > 0) {
                    attention.add(failed + " scheduled run(s) failed three times (FailedInvocationsQueue)");
                }
            }
        }
        report.put("queues", queues);

        Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
        for (CatalogEntity entity : CatalogEntity.values()) {
            Map<String, Long> byStatus = new LinkedHashMap<>();
            for (CatalogRules.Status status : CatalogRules.Status.values()) {
                long[] n = {0};
                table.forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, status), item -> n[0]++);
                if (n[0] > 0) {
                    byStatus.put(status.name(), n[0]);
                }
            }
            counts.put(entity.id(), byStatus);
        }
        report.put("catalog", counts);
        report.put("attention", attention);
        report.put("healthy", attention.isEmpty());

        if (args.flag("json")) {
            out.println(Json.write(report));
        } else {
            printStatus(stack.stackName(), services, flows, queues, counts, attention, now);
        }
        return attention.isEmpty() ? 0 : 1;
    }

    private static Map<QueueAttributeName, String> depth(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    private void printStatus(String stack, List<HealthService.ServiceState> services, Map<String, Object> flows, Map<String, Object> queues,
                             Map<String, Map<String, Long>> counts, List<String> attention, Instant now) {
        out.println("winthor-vd " + stack + (attention.isEmpty() ? ": saudável" : ": precisa de atenção (" + attention.size() + ")"));
        out.println();
        out.println("Serviços (rotina 812, última verificação)");
        for (HealthService.ServiceState s : services) {
            out.printf("  %-28s %-8s %-10s %5d ms  verificado %s%s%n", s.name(), s.online() ? "online" : "FORA", s.version(), s.millis(),
                    ago(s.checkedAt(), now), s.online() ? (s.onlineSince() == null ? "" : ", online desde " + seconds(s.onlineSince())) : "  " + s.detail());
        }
        out.println();
        out.println("Execuções (a última de cada fluxo)");
        flows.forEach((flow, value) -> {
            if (value == null) {
                out.printf("  %-16s nunca rodou%n", flow);
                return;
            }
            RunRecord run = (RunRecord) value;
            out.printf("  %-16s %-17s %s, %d ms  %s%s%n", flow, run.status(), ago(run.startedAt(), now), run.durationMs(), run.counts(),
                    run.errors().isEmpty() ? "" : "  erro: " + run.errors().get(0));
        });
        out.println();
        out.println("Filas");
        queues.forEach((name, value) -> out.printf("  %-18s %s%n", name, value));
        out.println();
        out.println("Catálogo por status");
        counts.forEach((entity, byStatus) -> out.printf("  %-12s %s%n", entity, byStatus.isEmpty() ? "-" : byStatus));
        if (!attention.isEmpty()) {
            out.println();
            out.println("Precisa de atenção");
            attention.forEach(a -> out.println("  - " + a));
        }
    }

    private static String seconds(String instant) {
        return Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String ago(String instant, Instant now) {
        if (instant == null) {
            return "?";
        }
        Duration d = Duration.between(Instant.parse(instant), now);
        return d.toMinutes() < 1 ? "há " + d.toSeconds() + " s" : d.toHours() < 1 ? "há " + d.toMinutes() + " min"
                : d.toDays() < 1 ? "há " + d.toHours() + " h" : "há " + d.toDays() + " dias";
    }

    // ---- runs

    public int runs(Args args) {
        StackResources stack = stack(args);
        String flow = args.option("flow").orElseThrow(() -> new Args.UsageException("runs needs --flow <" + String.join("|", FLOWS) + ">"));
        int last = Integer.parseInt(args.option("last").orElse("10"));
        List<RunRecord> runs = new RunLog(stack.stateTable(), clock).recent(flow, last);
        if (args.flag("json")) {
            out.println(Json.write(Map.of("flow", flow, "runs", runs)));
        } else {
            out.println("RUN#" + flow + " (newest first)");
            for (RunRecord run : runs) {
                out.printf("  %s  %-17s %6d ms  %s%s%n", seconds(run.startedAt()), run.status(), run.durationMs(), run.counts(),
                        run.errorCount() == 0 ? "" : "  " + run.errorCount() + " erro(s): " + String.join("; ", run.errors()));
            }
        }
        return 0;
    }

    // ---- rejections

    /** One record to fix: entity, WinThor key, status, the reason in Portuguese and the routine where it is fixed. */
    public record Rejection(String entity, String key, String status, String reason, String routine, String message) {
    }

    public int rejections(Args args) {
        StackResources stack = stack(args);
        StateTable table = stack.stateTable();
        List<CatalogEntity> entities = args.option("entity").map(e -> List.of(CatalogEntity.of(e))).orElse(List.of(CatalogEntity.values()));
        String onlyReason = args.option("reason").orElse(null);
        List<Rejection> rejections = new ArrayList<>();
        for (CatalogEntity entity : entities) {
            for (CatalogRules.Status status : List.of(CatalogRules.Status.REJECTED, CatalogRules.Status.FAILED)) {
                List<Item> keys = new ArrayList<>();
                table.forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, status), item -> keys.add(Item.key(item.pk(), item.sk())));
                // The index projects the reason but not its parameters: the records themselves are read for those.
                for (int i = 0; i < keys.size(); i += 100) {
                    for (Item item : table.batchGet(keys.subList(i, Math.min(keys.size(), i + 100)), StateTable.Read.EVENTUAL).values()) {
                        String code = item.string("reason").orElse(null);
                        if (onlyReason != null && !onlyReason.equals(code)) {
                            continue;
                        }
                        Reason reason = code == null ? null : Reason.find(code).orElse(null);
                        rejections.add(new Rejection(entity.id(), item.string("erpKey").orElse(item.pk()), status.name(), code,
                                reason == null || reason.routine() == null ? "" : reason.routine(),
                                reason == null ? item.string("note").orElse("") : reason.message(item.list("params"))));
                    }
                }
            }
        }
        rejections.sort(java.util.Comparator.comparing(Rejection::entity).thenComparing(Rejection::key));
        String format = args.option("format").orElse(args.flag("json") ? "json" : "table");
        switch (format) {
            case "json" -> out.println(Json.write(Map.of("rejections", rejections)));
            case "csv" -> out.print(csv(rejections));
            case "table" -> {
                out.println(rejections.size() + " registro(s) a corrigir no WinThor");
                for (Rejection r : rejections) {
                    out.printf("  %-11s %-18s %-8s %-5s %s%n", r.entity(), r.key(), r.status(), r.routine(), r.message());
                }
            }
            default -> throw new Args.UsageException("rejections --format is table, csv or json");
        }
        return 0;
    }

    /** As a pt-BR spreadsheet opens it: UTF-8 with a BOM, ';' between fields, every field quoted. */
    static String csv(List<Rejection> rejections) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("entidade;chave;status;motivo;rotina;mensagem\r\n");
        for (Rejection r : rejections) {
            csv.append(String.join(";", Stream.of(r.entity(), r.key(), r.status(), r.reason(), r.routine(), r.message())
                    .map(f -> "\"" + String.valueOf(f == null ? "" : f).replace("\"", "\"\"") + "\"").toList())).append("\r\n");
        }
        return csv.toString();
    }

    // ---- redrive

    public int redrive(Args args) {
        StackResources stack = stack(args);
        String which = args.option("queue").orElseThrow(() -> new Args.UsageException("redrive needs --queue catalog|stock|price|orders|all"));
        List<String> names = which.equals("all") ? List.copyOf(QUEUES.keySet()) : List.of(which);
        if (!QUEUES.keySet().containsAll(names)) {
            throw new Args.UsageException("redrive --queue is catalog, stock, price, orders or all, not " + which);
        }
        boolean dryRun = args.flag("dry-run");
        List<Redrive.Result> results = new ArrayList<>();
        try (SqsClient sqs = stack.sqs()) {
            Redrive redrive = new Redrive(sqs, Sleeper.REAL);
            for (String name : names) {
                results.add(redrive.run(stack.physicalId(QUEUES.get(name)[0]), stack.physicalId(QUEUES.get(name)[1]), dryRun));
            }
        }
        if (args.flag("json")) {
            out.println(Json.write(Map.of("redrive", results)));
        } else {
            for (int i = 0; i < names.size(); i++) {
                Redrive.Result r = results.get(i);
                out.printf("  %-8s %s%n", names.get(i), dryRun ? r.foundBefore() + " message(s) in the DLQ would go back (" + r.how() + ")"
                        : r.moved() + " of " + r.foundBefore() + " message(s) moved back to the queue (" + r.how() + ")");
            }
        }
        return 0;
    }

    // ---- logs (routine 810)

    /** Each flow's log group, by the name its log lines carry in "flow" (scan and apply of a flow log apart). */
    static final Map<String, String> LOG_GROUPS = new LinkedHashMap<>();

    static {
        LOG_GROUPS.put("token-refresh", "TokenRefreshFunctionLogGroup");
        LOG_GROUPS.put("catalog-sync", "CatalogScanFunctionLogGroup");
        LOG_GROUPS.put("catalog-apply", "CatalogApplyFunctionLogGroup");
        LOG_GROUPS.put("stock-sync", "StockScanFunctionLogGroup");
        LOG_GROUPS.put("stock-apply", "StockApplyFunctionLogGroup");
        LOG_GROUPS.put("price-sync", "PriceScanFunctionLogGroup");
        LOG_GROUPS.put("price-apply", "PriceApplyFunctionLogGroup");
        LOG_GROUPS.put("order-webhook", "OrderWebhookFunctionLogGroup");
        LOG_GROUPS.put("order-reconcile", "OrderReconcileFunctionLogGroup");
        LOG_GROUPS.put("order-push", "OrderPushFunctionLogGroup");
        LOG_GROUPS.put("order-status", "OrderStatusFunctionLogGroup");
        LOG_GROUPS.put(HealthService.FLOW, "HealthCheckFunctionLogGroup");
    }

    /**
     * A flow's log lines since a moment (routine 810's download, without the download), optionally of one business key
     * (ORDER#..., MAP#product#..., SERVICE#...): from CloudWatch Logs for a deployed stack (FilterLogEvents on the
     * flow's log group), from the local stack's function log for {@code local up}. Masked again on the way out.
     */
    public int logs(Args args) {
        StackResources stack = stack(args);
        String flow = args.option("flow").orElseThrow(() -> new Args.UsageException("logs needs --flow <" + String.join("|", LOG_GROUPS.keySet()) + ">"));
        if (!LOG_GROUPS.containsKey(flow)) {
            throw new Args.UsageException("logs --flow is one of " + LOG_GROUPS.keySet() + ", not " + flow);
        }
        Duration since = since(args.option("since").orElse("1h"));
        String key = args.option("key").orElse(null);
        Instant from = clock.instant().minus(since);
        List<String> lines = new ArrayList<>();
        if (stack.functionLog().isPresent()) {
            try (Stream<String> all = java.nio.file.Files.lines(stack.functionLog().get())) {
                all.filter(line -> line.startsWith("{")).forEach(line -> {
                    com.fasterxml.jackson.databind.JsonNode node = Json.read(line);
                    if (flow.equals(node.path("flow").asText()) && (key == null || key.equals(node.path("key").asText()))
                            && !node.path("time").asText("").isEmpty() && !Instant.parse(node.path("time").asText()).isBefore(from)) {
                        lines.add(line);
                    }
                });
            } catch (java.io.IOException e) {
                throw new java.io.UncheckedIOException("cannot read the local function log " + stack.functionLog().get(), e);
            }
        } else {
            String group = stack.physicalId(LOG_GROUPS.get(flow));
            try (software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient logs = stack.aws().configure(
                    software.amazon.awssdk.services.cloudwatchlogs.CloudWatchLogsClient.builder(), "AWS_ENDPOINT_URL_CLOUDWATCH_LOGS").build()) {
                logs.filterLogEventsPaginator(b -> b.logGroupName(group).startTime(from.toEpochMilli())
                                .filterPattern(key == null ? null : "{ $.key = \"" + key.replace("\"", "") + "\" }"))
                        .events().stream().limit(MAX_LOG_LINES).forEach(event -> lines.add(event.message().trim()));
            }
        }
        lines.replaceAll(com.winthorvd.shared.log.Redactor::redact);
        if (args.flag("json")) {
            out.println(Json.write(Map.of("flow", flow, "since", from.toString(), "lines", lines.stream().map(Json::read).toList())));
        } else {
            lines.forEach(out::println);
            out.println("(" + lines.size() + " line(s) of " + flow + " since " + from + (key == null ? "" : ", key " + key) + ")");
        }
        return 0;
    }

    static final int MAX_LOG_LINES = 10_000;

    /** "90s", "15m", "1h", "2d". */
    static Duration since(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(text.trim());
        if (!m.matches()) {
            throw new Args.UsageException("--since is a number and s, m, h or d (15m, 1h, 2d), not " + text);
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            case "h" -> Duration.ofHours(n);
            default -> Duration.ofDays(n);
        };
    }

    // ---- explain

    /**
     * "Why isn't X in the store?" in one call: the state (status, reason in Portuguese with the routine, version
     * applied, what it waits on), what WinThor has now when its credentials are given (--winthor-url, --user,
     * WINTHOR_PASSWORD), and the next step in one sentence. A customer is found by its CODCLI, or by its CNPJ/CPF
     * through WinThor (the state keeps no CNPJ/CPF in clear). Shown masked, as everything else.
     */
    public int explain(Args args) {
        List<String> words = args.positionals();
        if (words.size() != 2) {
            throw new Args.UsageException("explain needs: <product|sku|customer|department|section|category|brand|order> <key>");
        }
        StackResources stack = stack(args);
        StateTable table = stack.stateTable();
        Explain explain = new Explain(table, clock);
        String kind = words.get(0);
        String key = words.get(1);
        Optional<WinThorApi> winthor = args.option("winthor-url").map(url -> WinThorArgs.api(args, env, 100));
        List<Map<String, Object>> answers = new ArrayList<>();
        if (kind.equals("order")) {
            Map<String, Object> order = explain.order(key).orElseGet(() -> {
                Map<String, Object> none = new LinkedHashMap<>();
                none.put("order", key);
                none.put("status", "NOT_SEEN");
                none.put("next", "Nenhum aviso da loja nem a conferência de pedidos trouxe este pedido ainda: confira o hook da loja"
                        + " (./winthor-vd store hook install) e a execução de order-reconcile (./winthor-vd runs --flow order-reconcile).");
                return none;
            });
            answers.add(order);
        } else {
            CatalogEntity entity = entity(kind);
            List<String> keys = List.of(key);
            String digits = Customer.digits(key);
            if (entity == CatalogEntity.CUSTOMER && (digits.length() == 11 || digits.length() == 14)) {
                WinThorApi api = winthor.orElseThrow(() -> new Args.UsageException("a customer is kept by its WinThor code (CODCLI), never"
                        + " by its CNPJ/CPF: give the code, or --winthor-url and --user (WINTHOR_PASSWORD) to look the CNPJ/CPF up in WinThor"));
                keys = api.customersWithDocument(digits).stream().map(c -> Long.toString(c.id())).toList();
                if (keys.isEmpty()) {
                    answers.add(Map.of("entity", "customer", "key", Redactor.redact(key), "status", "NOT_IN_WINTHOR",
                            "next", "O WinThor não tem cliente com este CNPJ/CPF: cadastre-o na rotina 302."));
                }
            }
            for (String one : keys) {
                Map<String, Object> answer = explain.record(entity, one);
                winthor.ifPresent(api -> answer.put("winthorNow", live(api, entity, one)));
                answers.add(answer);
            }
        }
        if (args.flag("json")) {
            out.println(Json.write(answers.size() == 1 ? answers.get(0) : Map.of("answers", answers)));
        } else {
            for (Map<String, Object> answer : answers) {
                answer.forEach((name, value) -> {
                    if (!name.equals("next")) {
                        out.printf("  %-15s %s%n", name, value);
                    }
                });
                out.println("  => " + answer.get("next"));
            }
        }
        return 0;
    }

    private static CatalogEntity entity(String kind) {
        try {
            return CatalogEntity.of(kind);
        } catch (IllegalArgumentException e) {
            throw new Args.UsageException("explain: " + kind + " is not product, sku, customer, department, section, category, brand or order");
        }
    }

    /** What WinThor has now for a product or a customer (the feeds a scan reads, read live). */
    private static Object live(WinThorApi api, CatalogEntity entity, String key) {
        if (entity == CatalogEntity.PRODUCT) {
            Optional<Product> product = api.product(Long.parseLong(key));
            return product.<Object>map(p -> Map.of("sentToEcommerce", p.sentToEcommerce(), "active", p.active(),
                    "department", String.valueOf(p.departmentId()), "section", String.valueOf(p.sectionId()),
                    "category", String.valueOf(p.categoryId()), "brand", String.valueOf(p.brandId()), "lastChange", String.valueOf(p.lastChange())))
                    .orElse("não existe no WinThor");
        }
        if (entity == CatalogEntity.CUSTOMER) {
            return api.customer(Long.parseLong(key)).<Object>map(c -> Map.of("active", c.active(), "blocked", c.blocked(),
                    "hasEmail", c.email() != null, "document", Redactor.redact(c.document()), "lastChange", String.valueOf(c.lastChange())))
                    .orElse("não existe no WinThor");
        }
        return "(a leitura ao vivo cobre produto e cliente)";
    }
}
