package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.testkit.StockDriver;
import com.winthorvd.testkit.data.Manifest;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The operator commands against a running local stack, found by its name as {@code local up} leaves it: status, the
 * rejections as a spreadsheet, and a DLQ redriven, each compared with the demo data's ground truth.
 */
class OperationsCommandTest extends LocalStackTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();

    private int run(String... words) {
        return runWith(new HashMap<>(), words);
    }

    private int runWith(Map<String, String> env, String... words) {
        out.reset();
        PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        String[] argv = java.util.stream.Stream.concat(java.util.Arrays.stream(words), java.util.stream.Stream.of("--stack",
                world.deployment.stackName())).toArray(String[]::new);
        // The world's clock, not this machine's: the functions wrote their times on it.
        return Main.commandLine(print, print, env, world.clock, () -> {
            throw new AssertionError("no operator command waits for a stop");
        }).execute(argv);
    }

    private String output() {
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void statusIsHealthyOnlyWhenEveryServiceIsOnlineAndCountsTheCatalogAsTheManifestSays() {
        assertEquals(1, run("status", "--json"), output());
        assertTrue(output().contains("a verificação de saúde ainda não rodou"), output());

        health();
        assertEquals(0, run("status", "--json"), output());
        JsonNode status = Json.read(output());
        assertEquals(WtaService.REQUIRED.size() + 1, status.get("services").size());
        for (CatalogEntity entity : CatalogEntity.values()) {
            JsonNode counts = status.get("catalog").get(entity.id());
            for (Manifest.Outcome outcome : Manifest.Outcome.values()) {
                assertEquals(world.manifest.count(entity.id(), outcome), counts.path(outcome.name()).asLong(), entity + " " + outcome);
            }
        }
        assertEquals("COMPLETED", status.get("flows").get("catalog-sync").get("status").asText());

        world.winthor.online(WtaService.ORDERS, false);
        health();
        assertEquals(1, run("status"), output());
        assertTrue(output().contains("winthor-pedido-venda") && output().contains("FORA") && output().contains("precisa de atenção"), output());
    }

    @Test
    void statusListsARejectedOrderWithItsRoutineUntilItIsSentAgainAndShowsEachWatermark() {
        health();
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        String document = "52998224725";
        String id = unregistrableOrder(document);
        push();
        assertEquals(1, run("status", "--json"), output());
        JsonNode status = Json.read(output());
        assertEquals(1, status.get("rejectedOrders").get("count").asLong(), output());
        JsonNode rejected = status.get("rejectedOrders").get("oldest").get(0);
        assertEquals(id, rejected.get("order").asText());
        assertEquals("302", rejected.get("routine").asText());
        assertTrue(status.get("attention").toString().contains("1 pedido(s) rejeitado(s)"), output());
        assertTrue(!output().contains(document) && !output().contains("novo@cliente"), "masked: " + output());
        assertEquals(world.clock.instant().toString(), status.get("watermarks").get("stock-sync").get("movedAt").asText(), output());
        assertEquals(0, status.get("watermarks").get("stock-sync").get("movedSecondsAgo").asLong(), output());
        assertEquals(1, run("status"), output());
        assertTrue(output().contains("Pedidos rejeitados: 1") && output().contains(id), output());

        registerInWinThor(document);
        assertEquals(0, run("order", "retry", id), output());
        push();
        assertEquals(0, run("status", "--json"), output());
        assertEquals(0, Json.read(output()).get("rejectedOrders").get("count").asLong(), output());
    }

    @Test
    void theRejectionsOpenInAPortugueseSpreadsheetOneRowPerRejectedRecord() {
        assertEquals(0, run("rejections", "--format", "csv"));
        String csv = output();
        assertTrue(csv.startsWith("\uFEFFentidade;chave;status;motivo;rotina;mensagem\r\n"), csv);
        List<String> rows = List.of(csv.substring(1).split("\r\n")).subList(1, csv.substring(1).split("\r\n").length);
        long expected = 0;
        for (CatalogEntity entity : CatalogEntity.values()) {
            expected += world.manifest.count(entity.id(), Manifest.Outcome.REJECTED);
        }
        assertTrue(expected > 0, "the demo data rejects some records");
        assertEquals(expected, rows.size(), csv);
        for (String row : rows) {
            String[] fields = row.substring(1, row.length() - 1).split("\";\"", -1);
            Manifest.Expected truth = world.manifest.expected(fields[0], fields[1]);
            assertEquals(Manifest.Outcome.REJECTED, truth.outcome(), row);
            assertEquals(truth.reason().name(), fields[3], row);
            assertEquals(truth.reason().routine() == null ? "" : truth.reason().routine(), fields[4], row);
            assertTrue(!fields[5].contains("(a)") && Character.isUpperCase(fields[5].charAt(0)), row);
        }
    }

    @Test
    void aDeadLetteredStockMessageIsRedrivenAndAppliedOnceAndASecondRedriveMovesNothing() {
        world.runner.fireSchedule(StockDriver.SCAN, "EveryMinute");
        int dead = deadLetter("StockQueue", "StockDeadLetterQueue");
        assertTrue(dead > 0);
        assertTrue(!StockDriver.mismatches(world, world.manifest).isEmpty(), "nothing applied yet");

        assertEquals(0, run("redrive", "--queue", "stock", "--dry-run"));
        assertTrue(output().contains(dead + " message(s) in the DLQ would go back"), output());
        assertEquals(0, run("redrive", "--queue", "stock"));
        assertTrue(output().contains(dead + " of " + dead + " message(s) moved back"), output());
        world.runner.drain(StockDriver.APPLY, Duration.ofMinutes(5), 1);
        assertEquals(List.of(), StockDriver.mismatches(world, world.manifest));

        assertEquals(0, run("redrive", "--queue", "stock"));
        assertTrue(output().contains("0 of 0 message(s)"), output());
    }

    @Test
    void aDeadLetteredOrderIsRedrivenInItsGroupAndBecomesOneWinThorOrder() {
        String id = place(syncedCustomer(), PAYMENT, List.of(line(syncedPackaging(1), 2, 990)), 0);
        assertEquals(1, deadLetter("OrderQueue", "OrderDeadLetterQueue"), "the hook's change, given up on");
        assertEquals(0, run("redrive", "--queue", "orders", "--json"));
        JsonNode moved = Json.read(output()).get("redrive").get(0);
        assertEquals(1, moved.get("moved").asInt());
        assertEquals("message by message, FIFO", moved.get("how").asText());
        push();
        assertEquals(1, erpOrdersOf(id).size(), "one WinThor order");
        assertEquals(0, run("redrive", "--queue", "all", "--json"));
        for (JsonNode queue : Json.read(output()).get("redrive")) {
            assertEquals(0, queue.get("moved").asInt(), queue.toString());
        }
        push();
        assertEquals(1, erpOrdersOf(id).size());
    }

    @Test
    void theRunLogOfAFlowNewestFirst() {
        assertEquals(0, run("runs", "--flow", "catalog-sync", "--last", "2", "--json"));
        JsonNode runs = Json.read(output()).get("runs");
        assertTrue(runs.size() >= 1 && runs.size() <= 2, output());
        assertEquals("COMPLETED", runs.get(0).get("status").asText());
    }

    @Test
    void explainSaysWhereASyncedARejectedAWaitingProductACustomerAndAnOrderStandAndWhatToDoNext() {
        String synced = world.manifest.records("product").entrySet().stream().filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertEquals(0, run("explain", "product", synced, "--json"));
        JsonNode answer = Json.read(output());
        assertEquals("SYNCED", answer.get("status").asText());
        assertTrue(answer.get("next").asText().contains("está na loja (id " + answer.get("storeId").asText() + ")"), output());
        // What the store has now, read live with the store's credentials.
        Map<String, String> storeEnv = Map.of("STORE_APP_TOKEN", world.store.appToken());
        String storeUrl = world.store.url();
        String appKey = com.winthorvd.testkit.sim.StoreSimulator.APP_KEY;
        assertEquals(0, runWith(storeEnv, "explain", "product", synced, "--json", "--store-url", storeUrl, "--app-key", appKey));
        assertEquals(answer.get("storeId").asLong(), Json.read(output()).get("storeNow").get("productId").asLong(), output());
        String syncedSku = world.manifest.records("sku").entrySet().stream().filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED)
                .map(Map.Entry::getKey).findFirst().orElseThrow();
        assertEquals(0, runWith(storeEnv, "explain", "sku", syncedSku, "--json", "--store-url", storeUrl, "--app-key", appKey));
        JsonNode sku = Json.read(output());
        assertEquals(sku.get("storeId").asLong(), sku.get("storeNow").get("skuId").asLong(), output());
        assertTrue(sku.get("storeNow").has("basePrice"), output());

        String rejectedEntity = java.util.stream.Stream.of("product", "sku", "customer").filter(e -> world.manifest.records(e).values().stream()
                .anyMatch(x -> x.outcome() == Manifest.Outcome.REJECTED && x.reason().routine() != null)).findFirst().orElseThrow();
        Map.Entry<String, Manifest.Expected> rejected = world.manifest.records(rejectedEntity).entrySet().stream()
                .filter(e -> e.getValue().outcome() == Manifest.Outcome.REJECTED && e.getValue().reason().routine() != null).findFirst().orElseThrow();
        assertEquals(0, run("explain", rejectedEntity, rejected.getKey(), "--json"));
        answer = Json.read(output());
        assertEquals("REJECTED", answer.get("status").asText());
        assertEquals(rejected.getValue().reason().name(), answer.get("reason").asText());
        assertEquals(rejected.getValue().reason().routine(), answer.get("routine").asText());
        assertTrue(answer.get("next").asText().contains("rotina " + rejected.getValue().reason().routine()), output());

        // A department sent to e-commerce long ago, before the last read (so no incremental read brings it), and a new
        // product under it: the product waits on it, as it would when WinThor's flag was set without a change date.
        com.winthorvd.shared.winthor.model.Product model = world.winthor.data().products.get(synced);
        world.winthor.department(990, "DEPARTAMENTO NOVO", true, java.time.LocalDateTime.of(2001, 1, 1, 0, 0));
        world.winthor.data().products.put(new com.winthorvd.shared.winthor.model.Product(990_001, "PRODUTO NOVO", "PRODUTO NOVO", 990L,
                model.sectionId(), model.categoryId(), model.brandId(), model.supplierId(), true, true, model.showWithoutStock(),
                model.webDepartmentId(), model.webSectionId(), model.webCategoryId(), model.grossWeightKg(), model.netWeightKg(),
                world.winthor.winthorNow()));
        com.winthorvd.testkit.CatalogDriver.sync(world, false);
        assertEquals(0, run("explain", "product", "990001", "--json"));
        answer = Json.read(output());
        assertEquals("WAITING_PARENT", answer.get("status").asText(), output());
        assertEquals("departamento 990", answer.get("waitingOn").asText());
        assertTrue(answer.get("next").asText().contains("./winthor-vd explain department 990"), output());
        assertEquals(0, run("explain", "department", "990", "--json"));
        assertEquals("NOT_SEEN", Json.read(output()).get("status").asText(), "never read: the next step says to check its e-commerce flag");

        com.winthorvd.shared.winthor.model.Customer customer = syncedCustomer();
        assertEquals(0, run("explain", "customer", Long.toString(customer.id())));
        assertTrue(output().contains("SYNCED") && !output().contains(customer.document()), "a customer is shown masked: " + output());
        assertEquals(2, run("explain", "customer", customer.document()), "a CNPJ/CPF needs WinThor to find the customer");

        String order = place(customer, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 0);
        push();
        assertEquals(0, run("explain", "order", order, "--json"));
        answer = Json.read(output());
        assertTrue(List.of("ERP_CREATED", "HANDLING_STARTED").contains(answer.get("status").asText()), output());
        assertTrue(answer.get("next").asText().contains("No WinThor como pedido " + answer.get("winthorOrder").asText()), output());
        assertEquals(0, runWith(storeEnv, "explain", "order", order, "--json", "--store-url", storeUrl, "--app-key", appKey));
        assertEquals(world.store.orders().order(order).get("status").asText(), Json.read(output()).get("storeNow").get("status").asText(), output());
    }

    private List<String> logs(String... words) {
        assertEquals(0, run(java.util.stream.Stream.of(java.util.stream.Stream.of("logs"), java.util.Arrays.stream(words),
                java.util.stream.Stream.of("--json")).flatMap(w -> w).toArray(String[]::new)));
        List<String> lines = new java.util.ArrayList<>();
        Json.read(output()).get("lines").forEach(line -> lines.add(line.toString()));
        return lines;
    }

    @Test
    void theLogsOfAFlowSinceAMomentAndOfOneBusinessKey() {
        health();
        world.winthor.online(WtaService.ORDERS, false);
        health();
        List<String> all = logs("--flow", "health", "--since", "1h");
        assertTrue(all.size() >= 4, all.toString());
        assertTrue(all.stream().allMatch(line -> Json.read(line).get("flow").asText().equals("health")), all.toString());
        List<String> one = logs("--flow", "health", "--since", "1h", "--key", "SERVICE#winthor-pedido-venda");
        assertEquals(1, one.size(), one.toString());
        assertTrue(one.get(0).contains("went offline"), one.toString());
        world.clock.advance(Duration.ofMinutes(10));
        assertEquals(List.of(), logs("--flow", "health", "--since", "5m"));
    }
}
