package com.winthorvd.cli.ops;

import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogRules;
import com.winthorvd.shared.catalog.CatalogScanService;
import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.explain.Explain;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.log.Redactor;
import com.winthorvd.shared.order.OrderAdmin;
import com.winthorvd.shared.order.OrderStatusService;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.queue.Redrive;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.stock.StockScanService;
import com.winthorvd.shared.store.VtexStore;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Product;
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
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.MessageSystemAttributeName;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The operator's queries and actions on one stack (deployed, or the one {@code local up} runs): what the CLI's
 * commands print and the panel shows, one implementation for both.
 */
public final class Operations {
    /** The scheduled flows, in the order a run goes: their run logs are what status shows. */
    public static final List<String> FLOWS = List.of("token-refresh", "catalog-sync", "stock-sync", "price-sync", "order-reconcile",
            "order-status", HealthService.FLOW);
    /** Each queue the operator names, its DLQ and source as the template names them. */
    public static final Map<String, String[]> QUEUES = new LinkedHashMap<>();

    static {
        QUEUES.put("catalog", new String[] {"CatalogDeadLetterQueue", "CatalogQueue"});
        QUEUES.put("stock", new String[] {"StockDeadLetterQueue", "StockQueue"});
        QUEUES.put("price", new String[] {"PriceDeadLetterQueue", "PriceQueue"});
        QUEUES.put("orders", new String[] {"OrderDeadLetterQueue", "OrderQueue"});
    }

    /** The order queue's oldest message age that the OrderQueueAge alarm fires at. */
    static final Duration ORDER_QUEUE_MAX_AGE = Duration.ofMinutes(15);
    static final int REJECTED_ORDERS_SHOWN = 20;

    private final StackResources stack;
    private final Clock clock;

    public Operations(StackResources stack, Clock clock) {
        this.stack = stack;
        this.clock = clock;
    }

    public String stackName() {
        return stack.stackName();
    }

    // ---- status

    /** One queue: messages waiting and in flight, its DLQ's, and each one's oldest message (null where not known). */
    public record QueueState(long waiting, long inFlight, Long oldestSeconds, long deadLetters, Long deadLetterOldestSeconds) {
    }

    /** The rejected orders: how many, and the oldest of them as {@code order show} shows each. */
    public record RejectedOrders(long count, List<Map<String, Object>> oldest) {
    }

    /** A stack at a glance, and what needs attention (empty: healthy). */
    public record Status(String stack, String at, List<HealthService.ServiceState> services, Map<String, RunRecord> flows,
                         Map<String, Map<String, Object>> watermarks, Map<String, QueueState> queues, Long failedInvocations,
                         Map<String, Map<String, Long>> catalog, RejectedOrders rejectedOrders, List<String> attention, boolean healthy) {
    }

    public Status status() {
        StateTable table = stack.stateTable();
        Instant now = clock.instant();
        List<String> attention = new ArrayList<>();

        List<String> names = Stream.concat(WtaService.REQUIRED.stream().map(s -> s.serviceName), Stream.of(HealthService.STORE)).toList();
        List<HealthService.ServiceState> services = HealthService.lastStates(table, names);
        if (services.isEmpty()) {
            attention.add("a verificação de saúde ainda não rodou (HealthCheckFunction, a cada 5 minutos)");
        }
        services.stream().filter(s -> !s.online()).forEach(s -> attention.add(s.name() + " fora do ar há " + s.offlineChecks()
                + " verificação(ões): " + s.detail()));

        Map<String, RunRecord> flows = new LinkedHashMap<>();
        RunLog runLog = new RunLog(table, clock);
        for (String flow : FLOWS) {
            List<RunRecord> runs = runLog.recent(flow, 1);
            flows.put(flow, runs.isEmpty() ? null : runs.get(0));
            if (!runs.isEmpty() && "FAILED".equals(runs.get(0).status())) {
                attention.add(flow + ": a última execução falhou (FAILED): " + String.join("; ", runs.get(0).errors())
                        + " (./winthor-vd logs --flow " + flow + " --stack " + stack.stackName() + ")");
            }
        }

        Map<String, QueueState> queues = queueStates();
        queues.forEach((name, queue) -> {
            if (queue.deadLetters() > 0) {
                attention.add("a DLQ de " + name + " tem " + queue.deadLetters() + " mensagem(ns): corrija a causa e rode ./winthor-vd redrive"
                        + " --queue " + name + " --stack " + stack.stackName());
            }
        });
        Long oldestOrder = queues.get("orders").oldestSeconds();
        if (oldestOrder != null && oldestOrder > ORDER_QUEUE_MAX_AGE.toSeconds()) {
            attention.add("o pedido mais antigo na fila espera há " + oldestOrder / 60 + " min (alarme em "
                    + ORDER_QUEUE_MAX_AGE.toMinutes() + "): ./winthor-vd logs --flow order-push --stack " + stack.stackName());
        }
        Long failedInvocations = null;
        if (stack.has("FailedInvocationsQueue")) {
            try (SqsClient sqs = stack.sqs()) {
                failedInvocations = count(depth(sqs, stack.physicalId("FailedInvocationsQueue")), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES);
            }
            if (failedInvocations > 0) {
                attention.add(failedInvocations + " execução(ões) agendada(s) falharam três vezes (FailedInvocationsQueue): ./winthor-vd runs");
            }
        }

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

        RejectedOrders rejected = rejectedOrders();
        if (rejected.count() > 0) {
            attention.add(rejected.count() + " pedido(s) rejeitado(s): corrija a causa no WinThor e rode ./winthor-vd order retry <pedido>"
                    + " (./winthor-vd explain order <pedido> --stack " + stack.stackName() + ")");
        }
        return new Status(stack.stackName(), now.toString(), services, flows, watermarks(table, now), queues, failedInvocations, counts, rejected,
                attention, attention.isEmpty());
    }

    /** Each queue the operator names, with its DLQ: depths, and the oldest messages where CloudWatch has them. */
    public Map<String, QueueState> queueStates() {
        Map<String, Long> ages = QueueAges.of(stack, QUEUES.values().stream().flatMap(Stream::of).map(stack::physicalId).toList(),
                clock.instant());
        Map<String, QueueState> queues = new LinkedHashMap<>();
        try (SqsClient sqs = stack.sqs()) {
            for (Map.Entry<String, String[]> queue : QUEUES.entrySet()) {
                String sourceUrl = stack.physicalId(queue.getValue()[1]);
                String dlqUrl = stack.physicalId(queue.getValue()[0]);
                Map<QueueAttributeName, String> source = depth(sqs, sourceUrl);
                queues.put(queue.getKey(), new QueueState(count(source, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES),
                        count(source, QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE), ages.get(sourceUrl),
                        count(depth(sqs, dlqUrl), QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES), ages.get(dlqUrl)));
            }
        }
        return queues;
    }

    /** The rejected orders: how many, and the oldest {@link #REJECTED_ORDERS_SHOWN} of them. */
    public RejectedOrders rejectedOrders() {
        OrderAdmin orders = orderAdmin();
        return new RejectedOrders(orders.rejectedCount(), orders.rejected(REJECTED_ORDERS_SHOWN));
    }

    private static Map<QueueAttributeName, String> depth(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE)).attributes();
    }

    private static long count(Map<QueueAttributeName, String> attributes, QueueAttributeName name) {
        return Long.parseLong(attributes.getOrDefault(name, "0"));
    }

    /** Each incremental read's watermark: where it starts next (WinThor's clock) and when it last moved. */
    private static Map<String, Map<String, Object>> watermarks(StateTable table, Instant now) {
        List<String> feeds = Stream.concat(Stream.of(CatalogEntity.values()).map(e -> CatalogScanService.FLOW + "-" + e.id()),
                Stream.of(StockScanService.FLOW, OrderStatusService.FLOW)).toList();
        Map<String, Item> found = table.batchGet(feeds.stream().map(feed -> Item.key(Keys.watermark(feed), Keys.ONE)).toList(),
                StateTable.Read.EVENTUAL);
        Map<String, Map<String, Object>> watermarks = new LinkedHashMap<>();
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

    // ---- runs

    /** A flow's name as given, once checked it is one with a run log. */
    public static String flow(String flow) {
        if (!FLOWS.contains(flow)) {
            throw new UsageException("the flows are " + FLOWS + ", not " + flow);
        }
        return flow;
    }

    /** The flow's run log, newest first. */
    public List<RunRecord> runs(String flow, int last) {
        return new RunLog(stack.stateTable(), clock).recent(flow(flow), last);
    }

    // ---- metrics over the last day

    /** Hours (their start, oldest first) and, for each, a value per series; an hour without data points is left out. */
    public record Hourly(List<String> hours, List<Map<String, Long>> values) {
    }

    /** What each apply outcome is called on the panel. */
    static final Map<String, String> OUTCOME_LABELS = Map.of("SYNCED", "na loja", "REJECTED", "rejeitados", "FAILED", "falharam",
            "APPLIED", "aplicados", "STALE", "já superados", "WAITING_PARENT", "aguardando o pai", "OUT_OF_SCOPE", "fora do escopo",
            "DEACTIVATED", "desativados");

    /** The records a scan flow's apply function took per hour over the last day, by outcome; none for a flow without one. */
    public Hourly appliedPerHour(String flow) {
        String apply;
        List<String> outcomes;
        List<String> entities;
        switch (flow(flow)) {
            case "catalog-sync" -> {
                apply = "catalog-apply";
                outcomes = Stream.of(com.winthorvd.shared.catalog.CatalogApplyService.Outcome.values()).map(Enum::name).toList();
                entities = Stream.of(CatalogEntity.values()).map(CatalogEntity::id).toList();
            }
            case "stock-sync" -> {
                apply = "stock-apply";
                outcomes = Stream.of(com.winthorvd.shared.stock.StockApplyService.Outcome.values()).map(Enum::name).toList();
                entities = List.of("stock");
            }
            case "price-sync" -> {
                apply = "price-apply";
                outcomes = Stream.of(com.winthorvd.shared.price.PriceApplyService.Outcome.values()).map(Enum::name).toList();
                entities = List.of("price");
            }
            default -> {
                return new Hourly(List.of(), List.of());
            }
        }
        List<MetricHistory.Metric> metrics = outcomes.stream().map(outcome -> new MetricHistory.Metric(
                com.winthorvd.shared.log.MetricNames.records(outcome), entities.stream().map(e -> Map.of("Entity", e)).toList())).toList();
        Map<String, String> labels = new LinkedHashMap<>();
        outcomes.forEach(outcome -> labels.put(com.winthorvd.shared.log.MetricNames.records(outcome), OUTCOME_LABELS.getOrDefault(outcome, outcome)));
        return hourly(MetricHistory.hourly(stack, apply, metrics, MetricHistory.Stat.SUM, clock.instant()), labels, 1);
    }

    /** The stock lag (WinThor's change to the store's write), its worst per hour over the last day, in seconds. */
    public Hourly stockLagPerHour() {
        String lag = com.winthorvd.shared.stock.StockApplyService.LAG_METRIC;
        return hourly(MetricHistory.hourly(stack, "stock-apply", List.of(new MetricHistory.Metric(lag, List.of(Map.of()))),
                MetricHistory.Stat.MAXIMUM, clock.instant()), Map.of(lag, "atraso máximo (s)"), 1000);
    }

    private static Hourly hourly(java.util.TreeMap<Instant, Map<String, Double>> hours, Map<String, String> labels, long divisor) {
        List<String> at = new ArrayList<>();
        List<Map<String, Long>> values = new ArrayList<>();
        hours.forEach((hour, byMetric) -> {
            at.add(hour.toString());
            Map<String, Long> named = new LinkedHashMap<>();
            byMetric.forEach((metric, value) -> named.put(labels.getOrDefault(metric, metric), Math.round(value / divisor)));
            values.add(named);
        });
        return new Hourly(at, values);
    }

    // ---- rejections

    /** One record to fix: entity, WinThor key, status, the reason in Portuguese and the routine where it is fixed. */
    public record Rejection(String entity, String key, String status, String reason, String routine, String message) {
    }

    /** Every REJECTED and FAILED catalog record (of one entity, of one reason code, when given), by entity and key. */
    public List<Rejection> rejections(CatalogEntity onlyEntity, String onlyReason) {
        StateTable table = stack.stateTable();
        List<CatalogEntity> entities = onlyEntity == null ? List.of(CatalogEntity.values()) : List.of(onlyEntity);
        List<Rejection> rejections = new ArrayList<>();
        for (CatalogEntity entity : entities) {
            for (CatalogRules.Status status : List.of(CatalogRules.Status.REJECTED, CatalogRules.Status.FAILED)) {
                List<Item> keys = new ArrayList<>();
                table.forEachInIndex(StateTable.GSI1, CatalogState.statusPartition(entity, status), item -> keys.add(Item.key(item.pk(), item.sk())));
                // The index projects the reason but not its parameters: the records themselves are read for those.
                for (Item item : table.batchGet(keys, StateTable.Read.EVENTUAL).values()) {
                    String code = item.string("reason").orElse(null);
                    if (onlyReason != null && !onlyReason.equals(code)) {
                        continue;
                    }
                    Reason reason = code == null ? null : Reason.find(code).orElse(null);
                    rejections.add(new Rejection(entity.id(), item.string("erpKey").orElse(item.pk()), status.name(), code,
                            reason == null || reason.routine() == null ? "" : reason.routine(),
                            Redactor.redact(reason == null ? item.string("note").orElse("") : reason.message(item.list("params")))));
                }
            }
        }
        rejections.sort(java.util.Comparator.comparing(Rejection::entity).thenComparing(Rejection::key));
        return rejections;
    }

    /** As a pt-BR spreadsheet opens it: UTF-8 with a BOM, ';' between fields, every field quoted. */
    public static String csv(List<Rejection> rejections) {
        StringBuilder csv = new StringBuilder("\uFEFF");
        csv.append("entidade;chave;status;motivo;rotina;mensagem\r\n");
        for (Rejection r : rejections) {
            csv.append(String.join(";", Stream.of(r.entity(), r.key(), r.status(), r.reason(), r.routine(), r.message())
                    .map(f -> "\"" + String.valueOf(f == null ? "" : f).replace("\"", "\"\"") + "\"").toList())).append("\r\n");
        }
        return csv.toString();
    }

    // ---- queues

    /** The queue names of {@code which}: one of {@link #QUEUES}, or all of them. */
    public static List<String> queues(String which) {
        List<String> names = which.equals("all") ? List.copyOf(QUEUES.keySet()) : List.of(which);
        if (!QUEUES.keySet().containsAll(names)) {
            throw new UsageException("the queues are catalog, stock, price, orders or all, not " + which);
        }
        return names;
    }

    /** Each named DLQ back to its queue (or, dry, what would go). */
    public List<Redrive.Result> redrive(List<String> names, boolean dryRun) {
        List<Redrive.Result> results = new ArrayList<>();
        try (SqsClient sqs = stack.sqs()) {
            Redrive redrive = new Redrive(sqs, Sleeper.REAL);
            for (String name : names) {
                results.add(redrive.run(stack.physicalId(QUEUES.get(name)[0]), stack.physicalId(QUEUES.get(name)[1]), dryRun));
            }
        }
        return results;
    }

    /** One dead-lettered message as shown: its id, group, why it was given up on, and its body masked. */
    public record DeadLetter(String messageId, String group, String reason, String body) {
    }

    /**
     * Up to {@code max} messages of a queue's DLQ, masked, looked at without taking them: each is received with no
     * visibility timeout, so it stays in the DLQ as it was (a DLQ has no redrive of its own for the receive to count
     * towards).
     */
    public List<DeadLetter> deadLetters(String queue, int max) {
        List<DeadLetter> letters = new ArrayList<>();
        try (SqsClient sqs = stack.sqs()) {
            String url = stack.physicalId(QUEUES.get(queues(queue).get(0))[0]);
            List<Message> batch = sqs.receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(Math.min(10, max)).visibilityTimeout(0)
                    .messageSystemAttributeNames(MessageSystemAttributeName.MESSAGE_GROUP_ID).messageAttributeNames("All")).messages();
            for (Message m : batch) {
                var reason = m.messageAttributes().get(com.winthorvd.shared.queue.DeadLetters.REASON_ATTRIBUTE);
                letters.add(new DeadLetter(m.messageId(), m.attributes().get(MessageSystemAttributeName.MESSAGE_GROUP_ID),
                        reason == null ? null : Redactor.redact(reason.stringValue()), Redactor.redact(m.body())));
            }
        }
        return letters;
    }

    // ---- orders

    private OrderAdmin orderAdmin() {
        return new OrderAdmin(stack.stateTable(), change -> QueueSender.of(stack.aws()).send(stack.physicalId("OrderQueue"),
                List.of(change.message())), clock);
    }

    /** The store orders first seen today and yesterday (UTC), newest first, each with its status and WinThor number. */
    public List<Map<String, Object>> recentOrders(int limit) {
        java.time.LocalDate today = clock.instant().atZone(java.time.ZoneOffset.UTC).toLocalDate();
        return orderAdmin().seenOn(List.of(today, today.minusDays(1)), limit);
    }

    /** Sends a REJECTED order again (false: it is not one that can be). */
    public boolean retryOrder(String storeOrderId) {
        return orderAdmin().retry(storeOrderId);
    }

    // ---- explain

    /** What explain answers for: the catalog entities and store orders. */
    public static final List<String> EXPLAIN_KINDS = Stream.concat(Stream.of(CatalogEntity.values()).map(CatalogEntity::id), Stream.of("order"))
            .toList();

    /**
     * "Why isn't X in the store?" in one call: the state (status, reason in Portuguese with the routine, version
     * applied, what it waits on), what WinThor and the store have now when they are given, and the next step in one
     * sentence. A customer is found by its CODCLI, or by its CNPJ/CPF through WinThor (the state keeps no CNPJ/CPF in
     * clear). Shown masked, as everything else.
     */
    public List<Map<String, Object>> explain(String kind, String key, Optional<WinThorApi> winthor, Optional<VtexStore> store) {
        if (!EXPLAIN_KINDS.contains(kind)) {
            throw new UsageException(kind + " is not one of " + EXPLAIN_KINDS);
        }
        Explain explain = new Explain(stack.stateTable(), clock);
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
            store.ifPresent(s -> order.put("storeNow", s.order(key).<Object>map(o -> Map.of("status", o.status(),
                    "invoices", o.invoiceNumbers().size())).orElse("a loja não tem este pedido")));
            answers.add(order);
            return answers;
        }
        CatalogEntity entity = CatalogEntity.of(kind);
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
        return answers;
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
