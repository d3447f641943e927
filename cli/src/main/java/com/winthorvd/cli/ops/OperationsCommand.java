package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogRules;
import com.winthorvd.shared.catalog.CatalogScanService;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.explain.Explain;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.order.OrderAdmin;
import com.winthorvd.shared.order.OrderStatusService;
import com.winthorvd.shared.queue.Redrive;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.stock.StockScanService;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.VtexStore;
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
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
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

    /** The flows a run log is kept for, as completion offers them. */
    static final class FlowNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return FLOWS.iterator();
        }
    }

    /** The queues redrive moves, and all of them. */
    static final class QueueNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Stream.concat(QUEUES.keySet().stream(), Stream.of("all")).iterator();
        }
    }

    /** The flows whose log lines logs reads. */
    static final class LogFlowNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return LOG_GROUPS.keySet().iterator();
        }
    }

    /** What explain answers for. */
    static final class ExplainKinds implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Stream.concat(Stream.of(CatalogEntity.values()).map(CatalogEntity::id), Stream.of("order")).iterator();
        }
    }

    // ---- status

    @Command(name = "status", description = {"One screen of a deployed stack (or the one local up runs): each WTA service and the store"
            + " as the health check (routine 812) last saw them, each flow's last run, the queues and their DLQs with their oldest message,"
            + " the catalog by status, the rejected orders.", "Exits 0 when healthy, 1 when something needs attention (for cron)."})
    public final class StatusCommand implements Callable<Integer> {
        @Mixin StackOption stackName;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            StackResources stack = stackName.resolve(env);
            StateTable table = stack.stateTable();
            Instant now = clock.instant();
            List<String> attention = new ArrayList<>();
            Map<String, Object> report = new LinkedHashMap<>();
            report.put("stack", stack.stackName());

            List<String> names = Stream.concat(WtaService.REQUIRED.stream().map(s -> s.serviceName), Stream.of(HealthService.STORE)).toList();
            List<HealthService.ServiceState> services = HealthService.lastStates(table, names);
            if (services.isEmpty()) {
                attention.add("a verificação de saúde ainda não rodou (HealthCheckFunction, a cada 5 minutos)");
            }
            services.stream().filter(s -> !s.online()).forEach(s -> attention.add(s.name() + " fora do ar há " + s.offlineChecks()
                    + " verificação(ões): " + s.detail()));
            report.put("services", services);

            Map<String, Object> flows = new LinkedHashMap<>();
            RunLog runLog = new RunLog(table, clock);
            for (String flow : FLOWS) {
                List<RunRecord> runs = runLog.recent(flow, 1);
                flows.put(flow, runs.isEmpty() ? null : runs.get(0));
                if (!runs.isEmpty() && "FAILED".equals(runs.get(0).status())) {
                    attention.add(flow + ": a última execução falhou (FAILED): " + String.join("; ", runs.get(0).errors())
                            + " (./winthor-vd logs --flow " + flow + " --stack " + stack.stackName() + ")");
                }
            }
            report.put("flows", flows);
            Map<String, Object> watermarks = watermarks(table, now);
            report.put("watermarks", watermarks);

            Map<String, Object> queues = new LinkedHashMap<>();
            Map<String, Long> ages = QueueAges.of(stack, QUEUES.values().stream().flatMap(Stream::of).map(stack::physicalId).toList(), now);
            try (SqsClient sqs = stack.sqs()) {
                for (Map.Entry<String, String[]> queue : QUEUES.entrySet()) {
                    String sourceUrl = stack.physicalId(queue.getValue()[1]);
                    String dlqUrl = stack.physicalId(queue.getValue()[0]);
                    Map<QueueAttributeName, String> source = depth(sqs, sourceUrl);
                    Map<QueueAttributeName, String> dlq = depth(sqs, dlqUrl);
                    long dead = Long.parseLong(dlq.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
                    Map<String, Object> depths = new LinkedHashMap<>();
                    depths.put("waiting", Long.parseLong(source.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0")));
                    depths.put("inFlight", Long.parseLong(source.getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE, "0")));
                    depths.put("oldestSeconds", ages.get(sourceUrl));
                    depths.put("deadLetters", dead);
                    depths.put("deadLetterOldestSeconds", ages.get(dlqUrl));
                    queues.put(queue.getKey(), depths);
                    if (dead > 0) {
                        attention.add("a DLQ de " + queue.getKey() + " tem " + dead + " mensagem(ns): corrija a causa e rode ./winthor-vd redrive"
                                + " --queue " + queue.getKey() + " --stack " + stack.stackName());
                    }
                    Long oldest = ages.get(sourceUrl);
                    if (queue.getKey().equals("orders") && oldest != null && oldest > ORDER_QUEUE_MAX_AGE.toSeconds()) {
                        attention.add("o pedido mais antigo na fila espera há " + oldest / 60 + " min (alarme em "
                                + ORDER_QUEUE_MAX_AGE.toMinutes() + "): ./winthor-vd logs --flow order-push --stack " + stack.stackName());
                    }
                }
                if (stack.has("FailedInvocationsQueue")) {
                    long failed = Long.parseLong(depth(sqs, stack.physicalId("FailedInvocationsQueue"))
                            .getOrDefault(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES, "0"));
                    queues.put("failedInvocations", failed);
                    if (failed > 0) {
                        attention.add(failed + " execução(ões) agendada(s) falharam três vezes (FailedInvocationsQueue): ./winthor-vd runs");
                    }
                }
            }
            report.put("queues", queues);

            Map<String, Map<String, Long>> counts = new LinkedHashMap<>();
            for (CatalogEntity entity : CatalogEntity.values()) {
                Map<String, Long> byStatus = new LinkedHashMap<>();
                for (CatalogRules.Status status : CatalogRules.Status.values()) {
                    long n = table.countInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, status));
                    if (n > 0) {
                        byStatus.put(status.name(), n);
                    }
                }
                counts.put(entity.id(), byStatus);
            }
            report.put("catalog", counts);

            OrderAdmin orders = new OrderAdmin(table, change -> {
                throw new IllegalStateException("status queues nothing");
            }, clock);
            long rejectedOrders = orders.rejectedCount();
            List<Map<String, Object>> rejected = orders.rejected(REJECTED_ORDERS_SHOWN);
            report.put("rejectedOrders", Map.of("count", rejectedOrders, "oldest", rejected));
            if (rejectedOrders > 0) {
                attention.add(rejectedOrders + " pedido(s) rejeitado(s): corrija a causa no WinThor e rode ./winthor-vd order retry <pedido>"
                        + " (./winthor-vd explain order <pedido> --stack " + stack.stackName() + ")");
            }
            report.put("attention", attention);
            report.put("healthy", attention.isEmpty());

            if (json.on()) {
                out.println(Json.write(report));
            } else {
                printStatus(stack.stackName(), services, flows, watermarks, queues, counts, rejectedOrders, rejected, attention, now);
            }
            return attention.isEmpty() ? 0 : 1;
        }
    }

    private static Map<QueueAttributeName, String> depth(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    /** The order queue's oldest message age that the OrderQueueAge alarm fires at. */
    static final Duration ORDER_QUEUE_MAX_AGE = Duration.ofMinutes(15);
    static final int REJECTED_ORDERS_SHOWN = 20;

    /** Each incremental read's watermark: where it starts next (WinThor's clock) and when it last moved. */
    private static Map<String, Object> watermarks(StateTable table, Instant now) {
        List<String> feeds = Stream.concat(Stream.of(CatalogEntity.values()).map(e -> CatalogScanService.FLOW + "-" + e.id()),
                Stream.of(StockScanService.FLOW, OrderStatusService.FLOW)).toList();
        Map<String, Item> found = table.batchGet(feeds.stream().map(feed -> Item.key(Keys.watermark(feed), Keys.ONE)).toList(),
                StateTable.Read.EVENTUAL);
        Map<String, Object> watermarks = new LinkedHashMap<>();
        for (String feed : feeds) {
            Item item = found.get(Keys.watermark(feed) + "|" + Keys.ONE);
            if (item != null) {
                Map<String, Object> one = new LinkedHashMap<>();
                one.put("lastChange", item.string("lastChange").orElse(null));
                one.put("movedAt", item.string("movedAt").orElse(null));
                one.put("movedSecondsAgo", item.string("movedAt").map(at -> Duration.between(Instant.parse(at), now).toSeconds()).orElse(null));
                watermarks.put(feed, one);
            }
        }
        return watermarks;
    }

    private void printStatus(String stack, List<HealthService.ServiceState> services, Map<String, Object> flows, Map<String, Object> watermarks,
                             Map<String, Object> queues,
                             Map<String, Map<String, Long>> counts, long rejectedOrders, List<Map<String, Object>> rejected,
                             List<String> attention, Instant now) {
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
        out.println("Marcas d'água (a próxima leitura incremental começa em, no relógio do WinThor)");
        watermarks.forEach((feed, value) -> {
            Map<?, ?> w = (Map<?, ?>) value;
            out.printf("  %-24s %-20s movida %s%n", feed, w.get("lastChange") == null ? "(do início)" : w.get("lastChange"),
                    ago((String) w.get("movedAt"), now));
        });
        if (watermarks.isEmpty()) {
            out.println("  nenhuma ainda");
        }
        out.println();
        out.println("Filas (aguardando, em processamento, a mais antiga; DLQ)");
        queues.forEach((name, value) -> {
            if (value instanceof Map<?, ?> q) {
                out.printf("  %-10s %6s aguardando %6s em processamento  mais antiga %-8s  DLQ %s%s%n", name, q.get("waiting"), q.get("inFlight"),
                        age(q.get("oldestSeconds")), q.get("deadLetters"), q.get("deadLetterOldestSeconds") == null ? ""
                                : " (a mais antiga " + age(q.get("deadLetterOldestSeconds")) + ")");
            } else {
                out.printf("  %-10s %6s%n", name, value);
            }
        });
        if (queues.values().stream().anyMatch(q -> q instanceof Map<?, ?> m && m.get("oldestSeconds") == null)) {
            out.println("  (a idade da mensagem mais antiga vem do CloudWatch, AWS/SQS ApproximateAgeOfOldestMessage: n/d sem ele)");
        }
        out.println();
        out.println("Catálogo por status");
        counts.forEach((entity, byStatus) -> out.printf("  %-12s %s%n", entity, byStatus.isEmpty() ? "-" : byStatus));
        out.println();
        out.println("Pedidos rejeitados: " + rejectedOrders);
        for (Map<String, Object> order : rejected) {
            out.printf("  %-22s %-6s %s%n", order.get("order"), order.getOrDefault("routine", ""), order.get("message"));
        }
        if (!attention.isEmpty()) {
            out.println();
            out.println("Precisa de atenção");
            attention.forEach(a -> out.println("  - " + a));
        }
    }

    private static String age(Object seconds) {
        if (seconds == null) {
            return "n/d";
        }
        long s = ((Number) seconds).longValue();
        return s < 60 ? s + " s" : s < 3600 ? s / 60 + " min" : s / 3600 + " h";
    }

    private static String seconds(String instant) {
        return Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
    }

    private static String ago(String instant, Instant now) {
        if (instant == null) {
            return "?";
        }
        Duration d = Duration.between(Instant.parse(instant), now);
        if (d.isNegative()) { // written on a clock a little ahead of this machine's (local up's schedules run faster)
            return "agora";
        }
        return d.toMinutes() < 1 ? "há " + d.toSeconds() + " s" : d.toHours() < 1 ? "há " + d.toMinutes() + " min"
                : d.toDays() < 1 ? "há " + d.toHours() + " h" : "há " + d.toDays() + " dias";
    }

    // ---- runs

    @Command(name = "runs", description = "The flow's run log (RUN#<flow>), newest first: status, duration, counts, errors.")
    public final class RunsCommand implements Callable<Integer> {
        @Mixin StackOption stackName;
        @Option(names = "--flow", required = true, paramLabel = "FLOW", completionCandidates = FlowNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        String flow;
        @Option(names = "--last", defaultValue = "10", paramLabel = "N", description = "How many runs (default ${DEFAULT-VALUE}).")
        int last;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (!FLOWS.contains(flow)) {
                throw new UsageException("runs --flow is one of " + FLOWS + ", not " + flow);
            }
            if (last < 1) {
                throw new UsageException("--last must be at least 1");
            }
            StackResources stack = stackName.resolve(env);
            List<RunRecord> runs = new RunLog(stack.stateTable(), clock).recent(flow, last);
            if (json.on()) {
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
    }

    // ---- rejections

    /** One record to fix: entity, WinThor key, status, the reason in Portuguese and the routine where it is fixed. */
    public record Rejection(String entity, String key, String status, String reason, String routine, String message) {
    }

    /** How rejections prints: a table to read, a CSV for a pt-BR spreadsheet, or JSON. */
    public enum Format { TABLE, CSV, JSON }

    @Command(name = "rejections", description = {"Every REJECTED and FAILED catalog record with its reason in Portuguese and the WinThor"
            + " routine to fix it: what the implementer takes to the distributor.",
            "The CSV (UTF-8 with BOM, ';') opens as columns in a pt-BR spreadsheet."})
    public final class RejectionsCommand implements Callable<Integer> {
        @Mixin StackOption stackName;
        @Option(names = "--entity", paramLabel = "ENTITY", description = "Only this entity: ${COMPLETION-CANDIDATES}.")
        CatalogEntity onlyEntity;
        @Option(names = "--reason", paramLabel = "CODE", description = "Only this reason code (as in the CSV's motivo column).")
        String onlyReason;
        @Option(names = "--format", paramLabel = "FORMAT", description = "${COMPLETION-CANDIDATES} (default table, json with --json).")
        Format format;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            StackResources stack = stackName.resolve(env);
            StateTable table = stack.stateTable();
            List<CatalogEntity> entities = onlyEntity == null ? List.of(CatalogEntity.values()) : List.of(onlyEntity);
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
            switch (format != null ? format : json.on() ? Format.JSON : Format.TABLE) {
                case JSON -> out.println(Json.write(Map.of("rejections", rejections)));
                case CSV -> out.print(csv(rejections));
                case TABLE -> {
                    out.println(rejections.size() + " registro(s) a corrigir no WinThor");
                    for (Rejection r : rejections) {
                        out.printf("  %-11s %-18s %-8s %-5s %s%n", r.entity(), r.key(), r.status(), r.routine(), r.message());
                    }
                }
            }
            return 0;
        }
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

    @Command(name = "redrive", description = {"A DLQ back to its queue once the cause is fixed: standard queues by SQS's move task, the"
            + " FIFO ones message by message in their groups, each deleted from the DLQ only once sent.", "A second run moves nothing twice."})
    public final class RedriveCommand implements Callable<Integer> {
        @Mixin StackOption stackName;
        @Option(names = "--queue", required = true, paramLabel = "QUEUE", completionCandidates = QueueNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        String which;
        @Option(names = "--dry-run", description = "Only count what would go back.")
        boolean dryRun;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            List<String> names = which.equals("all") ? List.copyOf(QUEUES.keySet()) : List.of(which);
            if (!QUEUES.keySet().containsAll(names)) {
                throw new UsageException("redrive --queue is catalog, stock, price, orders or all, not " + which);
            }
            StackResources stack = stackName.resolve(env);
            List<Redrive.Result> results = new ArrayList<>();
            try (SqsClient sqs = stack.sqs()) {
                Redrive redrive = new Redrive(sqs, Sleeper.REAL);
                for (String name : names) {
                    results.add(redrive.run(stack.physicalId(QUEUES.get(name)[0]), stack.physicalId(QUEUES.get(name)[1]), dryRun));
                }
            }
            if (json.on()) {
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
    @Command(name = "logs", description = {"A flow's log lines (routine 810), masked: from CloudWatch Logs for a deployed stack, from the"
            + " function log for the one local up runs."})
    public final class LogsCommand implements Callable<Integer> {
        @Mixin StackOption stackName;
        @Option(names = "--flow", required = true, paramLabel = "FLOW", completionCandidates = LogFlowNames.class,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        String flow;
        @Option(names = "--since", defaultValue = "1h", paramLabel = "AGE", converter = SinceConverter.class,
                description = "How far back: 90s, 15m, 1h, 2d (default ${DEFAULT-VALUE}).")
        Duration since;
        @Option(names = "--key", paramLabel = "KEY", description = "One business key: ORDER#<id>, MAP#product#<code>, SERVICE#<name>...")
        String key;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            if (!LOG_GROUPS.containsKey(flow)) {
                throw new UsageException("logs --flow is one of " + LOG_GROUPS.keySet() + ", not " + flow);
            }
            StackResources stack = stackName.resolve(env);
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
            if (json.on()) {
                out.println(Json.write(Map.of("flow", flow, "since", from.toString(), "lines", lines.stream().map(Json::read).toList())));
            } else {
                lines.forEach(out::println);
                out.println("(" + lines.size() + " line(s) of " + flow + " since " + from + (key == null ? "" : ", key " + key) + ")");
            }
            return 0;
        }
    }

    static final int MAX_LOG_LINES = 10_000;

    /** "90s", "15m", "1h", "2d". */
    static final class SinceConverter implements CommandLine.ITypeConverter<Duration> {
        @Override
        public Duration convert(String text) {
            return since(text);
        }
    }

    static Duration since(String text) {
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("(\\d+)([smhd])").matcher(text.trim());
        if (!m.matches()) {
            throw new CommandLine.TypeConversionException("--since is a number and s, m, h or d (15m, 1h, 2d), not " + text);
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
    @Command(name = "explain", description = {"\"Why isn't it in the store?\": the state (status, reason in Portuguese with the WinThor"
            + " routine, version applied, what it waits on), what WinThor has now with its credentials (WINTHOR_PASSWORD; a CNPJ/CPF is"
            + " looked up there), and the next step in one sentence.",
            "KEY: a product's CODPROD, a SKU's codauxiliar-codprod, a customer's CODCLI or CNPJ/CPF, a store order id, a classifier's code."})
    public final class ExplainCommand implements Callable<Integer> {
        @Parameters(index = "0", paramLabel = "KIND", completionCandidates = ExplainKinds.class,
                description = "One of: ${COMPLETION-CANDIDATES}.")
        String kind;
        @Parameters(index = "1", paramLabel = "KEY")
        String key;
        @Mixin StackOption stackName;
        @Mixin WinThorOptions winthorOptions;
        @Mixin StoreOptions storeOptions;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            CatalogEntity entity = kind.equals("order") ? null : entity(kind);
            StackResources stack = stackName.resolve(env);
            StateTable table = stack.stateTable();
            Explain explain = new Explain(table, clock);
            Optional<WinThorApi> winthor = winthorOptions.given() ? Optional.of(winthorOptions.api(env, 100)) : Optional.empty();
            Optional<VtexStore> store = storeOptions.given() ? Optional.of(storeOptions.client(env)) : Optional.empty();
            List<Map<String, Object>> answers = new ArrayList<>();
            if (entity == null) {
                Map<String, Object> order = explain.order(key).orElseGet(() -> {
                    Map<String, Object> none = new LinkedHashMap<>();
                    none.put("order", key);
                    none.put("status", "NOT_SEEN");
                    none.put("next", "Nenhum aviso da loja nem a conferência de pedidos trouxe este pedido ainda: confira o hook da loja"
                            + " (./winthor-vd store hook install) e a execução de order-reconcile (./winthor-vd runs --flow order-reconcile).");
                    return none;
                });
                store.ifPresent(s -> order.put("storeNow", s.order(key).<Object>map(o -> Map.of("status", o.status(),
                        "invoices", o.invoiceNumbers().size())).orElse("a loja não tem este pedido")));
                answers.add(order);
            } else {
                List<String> keys = List.of(key);
                String digits = Customer.digits(key);
                if (entity == CatalogEntity.CUSTOMER && (digits.length() == 11 || digits.length() == 14)) {
                    WinThorApi api = winthor.orElseThrow(() -> new UsageException("a customer is kept by its WinThor code (CODCLI), never"
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
                    store.ifPresent(s -> answer.put("storeNow", inStore(s, entity, one)));
                    answers.add(answer);
                }
            }
            if (json.on()) {
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
    }

    private static CatalogEntity entity(String kind) {
        try {
            return CatalogEntity.of(kind);
        } catch (IllegalArgumentException e) {
            throw new UsageException("explain: " + kind + " is not product, sku, customer, department, section, category, brand or order");
        }
    }

    /** What the store has now for a product or a SKU (found by the reference the catalog flow gives it), read live. */
    private static Object inStore(VtexStore store, CatalogEntity entity, String key) {
        if (entity == CatalogEntity.PRODUCT) {
            return store.findProduct(key).<Object>map(id -> Map.of("productId", id)).orElse("não existe na loja");
        }
        if (entity == CatalogEntity.SKU) {
            return store.findSku(key).<Object>map(id -> {
                Map<String, Object> sku = new LinkedHashMap<>();
                sku.put("skuId", id);
                store.price(id).ifPresentOrElse(price -> {
                    sku.put("basePrice", price.basePrice());
                    sku.put("fixedPrices", price.fixedPrices().size());
                }, () -> sku.put("basePrice", "sem preço na loja"));
                return sku;
            }).orElse("não existe na loja");
        }
        return "(a leitura ao vivo da loja cobre produto, SKU e pedido)";
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
