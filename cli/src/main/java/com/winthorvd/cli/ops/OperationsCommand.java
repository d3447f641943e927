package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.queue.Redrive;
import com.winthorvd.shared.run.RunRecord;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * The operator's view of a deployed (or {@code local up}) stack, by its name: {@code status} (one screen, exit 1 when
 * something needs attention, for cron), {@code runs} (the run log, routine 810's counterpart), {@code rejections}
 * (what to take to the distributor, with the WinThor routine), {@code redrive} (a DLQ back to its queue) and
 * {@code explain} (why a record or an order is not in the store, and what to do).
 */
public final class OperationsCommand {
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
            return Operations.FLOWS.iterator();
        }
    }

    /** The queues redrive moves, and all of them. */
    static final class QueueNames implements Iterable<String> {
        @Override
        public java.util.Iterator<String> iterator() {
            return Stream.concat(Operations.QUEUES.keySet().stream(), Stream.of("all")).iterator();
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
            return Operations.EXPLAIN_KINDS.iterator();
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
            Operations.Status status = operations(stackName).status();
            if (json.on()) {
                out.println(Json.write(status));
            } else {
                printStatus(status);
            }
            return status.healthy() ? 0 : 1;
        }
    }

    private Operations operations(StackOption stackName) {
        return new Operations(stackName.resolve(env), clock);
    }

    private void printStatus(Operations.Status status) {
        PtBr fmt = new PtBr(Instant.parse(status.at()));
        List<String> attention = status.attention();
        out.println("winthor-vd " + status.stack() + (attention.isEmpty() ? ": saudável" : ": precisa de atenção (" + attention.size() + ")"));
        out.println();
        out.println("Serviços (rotina 812, última verificação)");
        for (HealthService.ServiceState s : status.services()) {
            out.printf("  %-28s %-8s %-10s %5d ms  verificado %s%s%n", s.name(), s.online() ? "online" : "FORA", s.version(), s.millis(),
                    fmt.ago(s.checkedAt()), s.online() ? (s.onlineSince() == null ? "" : ", online desde " + seconds(s.onlineSince())) : "  " + s.detail());
        }
        out.println();
        out.println("Execuções (a última de cada fluxo)");
        status.flows().forEach((flow, run) -> {
            if (run == null) {
                out.printf("  %-16s nunca rodou%n", flow);
                return;
            }
            out.printf("  %-16s %-17s %s, %d ms  %s%s%n", flow, run.status(), fmt.ago(run.startedAt()), run.durationMs(), run.counts(),
                    run.errors().isEmpty() ? "" : "  erro: " + run.errors().get(0));
        });
        out.println();
        out.println("Marcas d'água (a próxima leitura incremental começa em, no relógio do WinThor)");
        status.watermarks().forEach((feed, w) -> {
            out.printf("  %-24s %-20s movida %s%n", feed, w.get("lastChange") == null ? "(do início)" : w.get("lastChange"),
                    fmt.ago((String) w.get("movedAt")));
        });
        if (status.watermarks().isEmpty()) {
            out.println("  nenhuma ainda");
        }
        out.println();
        out.println("Filas (aguardando, em processamento, a mais antiga; DLQ)");
        status.queues().forEach((name, q) -> out.printf("  %-10s %6s aguardando %6s em processamento  mais antiga %-8s  DLQ %s%s%n", name,
                q.waiting(), q.inFlight(), fmt.age(q.oldestSeconds()), q.deadLetters(), q.deadLetterOldestSeconds() == null ? ""
                        : " (a mais antiga " + fmt.age(q.deadLetterOldestSeconds()) + ")"));
        if (status.failedInvocations() != null) {
            out.printf("  %-10s %6s execução(ões) agendada(s) que falharam três vezes%n", "falhas", status.failedInvocations());
        }
        if (status.queues().values().stream().anyMatch(q -> q.oldestSeconds() == null)) {
            out.println("  (a idade da mensagem mais antiga vem do CloudWatch, AWS/SQS ApproximateAgeOfOldestMessage: n/d sem ele)");
        }
        out.println();
        out.println("Catálogo por status");
        status.catalog().forEach((entity, byStatus) -> out.printf("  %-12s %s%n", entity, byStatus.isEmpty() ? "-" : byStatus));
        out.println();
        out.println("Pedidos rejeitados: " + status.rejectedOrders().count());
        for (Map<String, Object> order : status.rejectedOrders().oldest()) {
            out.printf("  %-22s %-6s %s%n", order.get("order"), order.getOrDefault("routine", ""), order.get("message"));
        }
        if (!attention.isEmpty()) {
            out.println();
            out.println("Precisa de atenção");
            attention.forEach(a -> out.println("  - " + a));
        }
    }

    private static String seconds(String instant) {
        return Instant.parse(instant).truncatedTo(java.time.temporal.ChronoUnit.SECONDS).toString();
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
            if (last < 1) {
                throw new UsageException("--last must be at least 1");
            }
            Operations.flow(flow); // a wrong name is a usage error, before the stack is looked up
            List<RunRecord> runs = operations(stackName).runs(flow, last);
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
            List<Operations.Rejection> rejections = operations(stackName).rejections(onlyEntity, onlyReason);
            switch (format != null ? format : json.on() ? Format.JSON : Format.TABLE) {
                case JSON -> out.println(Json.write(Map.of("rejections", rejections)));
                case CSV -> out.print(Operations.csv(rejections));
                case TABLE -> {
                    out.println(rejections.size() + " registro(s) a corrigir no WinThor");
                    for (Operations.Rejection r : rejections) {
                        out.printf("  %-11s %-18s %-8s %-5s %s%n", r.entity(), r.key(), r.status(), r.routine(), r.message());
                    }
                }
            }
            return 0;
        }
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
            List<String> names = Operations.queues(which);
            List<Redrive.Result> results = operations(stackName).redrive(names, dryRun);
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
                stack.forEachFunctionLogLine(line -> {
                    com.fasterxml.jackson.databind.JsonNode node = Json.read(line);
                    if (flow.equals(node.path("flow").asText()) && (key == null || key.equals(node.path("key").asText()))
                            && !node.path("time").asText("").isEmpty() && !Instant.parse(node.path("time").asText()).isBefore(from)) {
                        lines.add(line);
                    }
                });
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
            List<Map<String, Object>> answers = operations(stackName).explain(kind, key, winthorOptions.apiIfGiven(env, 100),
                    storeOptions.clientIfGiven(env));
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
}
