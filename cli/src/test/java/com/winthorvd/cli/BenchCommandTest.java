package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Each benchmark runs once at a small size here, so it cannot rot; its figures come from ./winthor-vd bench. */
class BenchCommandTest {

    @Test
    void coldStartRunsTheShadedJarInAFreshJvmToASuccessfulResponse() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "cold-start", "--runs", "1", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toString());
        assertTrue(report.get("ok").asBoolean());
        assertEquals(1, report.get("wallMillis").size());
        assertTrue(report.get("jarBytes").asLong() > 0);
    }

    @Test
    void simulatorsBenchRunsAtASmallSize() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "simulators", "--products", "1000", "--writes", "20", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toString());
        assertEquals(2, report.get("pagesOf500").asInt(), "1000 products in pages of 500");
        assertTrue(report.get("storeWritesPerSecond").asLong() > 0);
        assertTrue(report.get("winthorWritesPerSecond").asLong() > 0);
    }

    @Test
    void catalogBenchRunsAtASmallSizeAndComparesEveryRecordWithTheGroundTruth() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", "catalog", "--products", "20", "--heap-products", "40", "--appliers", "3", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toString());
        assertEquals(3, report.get("appliers").asInt(), "the apply's containers as asked");
        assertTrue(report.get("fullSync").get("storeCalls").asLong() > 0);
        // Customers go to Master Data, the rest to the catalog: the floor is the slower group's calls over its limit.
        JsonNode byGroup = report.get("fullSync").get("storeCallsByGroup");
        assertEquals(report.get("fullSync").get("storeCalls").asLong(), byGroup.get("catalog").asLong() + byGroup.path("master-data").asLong(),
                byGroup.toString());
        double floor = Math.max(byGroup.get("catalog").asDouble() / report.get("storeLimitsPerSecond").get("catalog").asDouble(),
                byGroup.path("master-data").asDouble() / report.get("storeLimitsPerSecond").get("master-data").asDouble());
        assertEquals(Math.round(floor * 100) / 100.0, report.get("fullSync").get("floorSeconds").asDouble(), report.get("fullSync").toString());
        assertEquals(0, report.get("fullSync").get("mismatchesWithManifest").asInt(), report.toString());
        assertEquals(0, report.get("fullSync").get("deadLetters").asInt(), report.toString());
        assertEquals(0, report.get("noChangeIncremental").get("storeCalls").asLong());
        assertEquals(0, report.get("noChangeFull").get("storeCalls").asLong());
        assertEquals(1.0, report.get("onePercentChange").get("storeCallsPerChangedProduct").asDouble(), report.toString());
        assertTrue(report.get("fullSync").get("dynamoDbCalls").asLong() > 0);
        JsonNode heap = report.get("scanHeapXmx128m").get(0);
        assertEquals("COMPLETED", heap.get("status").asText(), heap.toString());
        assertTrue(heap.get("peakHeapMiB").asDouble() > 0);
    }

    @org.junit.jupiter.params.ParameterizedTest
    @org.junit.jupiter.params.provider.CsvSource({"stock,--rows,120", "price,--skus,40"})
    void stockAndPriceBenchesRunAtASmallSizeAgainstTheStoresLimitsWithFourContainers(String which, String sizeOption, String size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"bench", which, sizeOption, size, "--lag-samples", "2", "--schedule-seconds", "2",
                "--store-limits", "logistics=400,pricing-write=400", "--appliers", "4", "--store-latency-ms", "20", "--json"},
                new PrintStream(out, true, StandardCharsets.UTF_8), System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toString());
        JsonNode full = report.get("fullLoad");
        if (which.equals("stock")) {
            assertEquals(report.get("rowsToPublish").asLong(), full.get("storeCalls").asLong(), "one store call per row");
        } else {
            assertEquals(report.get("skusInStore").asLong(), full.get("storeCalls").asLong(), "one store call per SKU, all its tables in it");
            assertEquals(1.0, full.get("storeCallsPerSku").asDouble());
        }
        assertEquals(400.0, report.get("storeLimit").get("perSecond").asDouble(), report.toString());
        assertEquals(0, full.get("store429s").asInt(), "four containers within the account's limit together");
        assertEquals(Math.round(full.get("storeCalls").asDouble() / 400 * 100) / 100.0, full.get("floorSeconds").asDouble());
        assertEquals(which.equals("stock") ? "logistics" : "pricing-write", full.get("floorGroup").asText(), full.toString());
        assertTrue(full.get("efficiency").asDouble() > 0, full.toString());
        // Each container waits for each answer: four of them, one call after another, take at least calls x 20 ms / 4.
        assertEquals(20, report.get("storeLatencyMillis").asInt());
        assertTrue(full.get("seconds").asDouble() >= full.get("storeCalls").asDouble() * 0.020 / 4, full.toString());
        assertTrue(full.get("dynamoDbWriteUnits").asDouble() >= full.get("storeCalls").asDouble(), "each published value recorded: " + full);
        assertTrue(full.get("lambdaGbSeconds").asDouble() > 0, full.toString());
        assertTrue(full.get("awsCost").get("totalUsd").asDouble() > 0, full.toString());
        assertEquals(0, full.get("mismatchesWithManifest").asInt());
        assertEquals(0, report.get("noChangeRerun").get("storeCalls").asLong());
        assertEquals(1.0, report.get("onePercentChange").get("storeCallsPerChangedRow").asDouble(), report.toString());
        assertEquals(0, report.get("lag").get("lost").asInt());
        assertEquals(2, report.get("lag").get("allSeconds").size());
    }

    @Test
    void aStoreLimitOfNoGroupAnAwsPriceOfNoNameOneCatalogApplierOrAnAccountLimitUnpacedIsAUsageError() {
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream errors = new PrintStream(err, true, StandardCharsets.UTF_8);
        assertEquals(2, Main.run(new String[] {"bench", "stock", "--store-limits", "logistix=5"}, System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'logistix' is not a store endpoint group"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"bench", "stock", "--aws-prices", "lambda=1"}, System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("'lambda=1' is not one of"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"bench", "stock", "--store-latency-ms", "-5"}, System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--store-latency-ms cannot be negative"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"bench", "catalog", "--appliers", "1"}, System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--appliers: at least 2"), err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"bench", "price", "--store-account-limits", "pricing=40"}, System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--store-account-limits: 'pricing' is not a store endpoint group"),
                err.toString(StandardCharsets.UTF_8));
        assertEquals(2, Main.run(new String[] {"bench", "price", "--store-pace", "unpaced", "--store-account-limits", "pricing-write=40"},
                System.out, errors, Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("--store-account-limits sets the production pace's store"),
                err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void ordersBenchRunsAtASmallSizeWithEveryKindOfFault(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        java.nio.file.Path logs = dir.resolve("functions.log");
        // 1.0: every order gets a fault, round robin, so 20 orders cover each kind once.
        int code = Main.run(new String[] {"bench", "orders", "--orders", "20", "--faults", "1.0", "--per-second", "8",
                "--cold-start-runs", "1", "--function-logs", logs.toString(), "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toString());
        assertEquals(20, report.get("faultsInjected").size(), "each kind once: " + report.get("faultsInjected"));
        assertEquals(0, report.get("duplicates").asInt());
        assertEquals(0, report.get("lost").asInt());
        assertEquals(0, report.get("mismatchesWithGroundTruth").asInt(), report.toString());
        assertEquals(0, report.get("inDeadLetterQueue").asInt());
        assertEquals(Map.of("ORDER_CUSTOMER_AMBIGUOUS", 1, "ORDER_PAYMENT_NOT_MAPPED", 1, "ORDER_UNKNOWN_SKU", 1),
                Json.MAPPER.convertValue(report.get("rejectedByReason"), new com.fasterxml.jackson.core.type.TypeReference<Map<String, Integer>>() { }));
        assertEquals(1, report.get("webhook").get("otherCallers").get("401").asInt(), "the wrong secret refused");
        assertEquals(1, report.get("webhook").get("otherCallers").get("400").asInt(), "the malformed call refused");
        JsonNode latency = report.get("hookToWinThor");
        assertTrue(latency.get("millisP99").asLong() > 0);
        int byFault = 0;
        for (JsonNode fault : (Iterable<JsonNode>) () -> latency.get("byFault").elements()) {
            byFault += fault.get("orders").asInt();
        }
        assertEquals(latency.get("orders").asInt(), byFault, "every order that reached WinThor under its fault: " + latency.get("byFault"));
        assertTrue(latency.get("byFault").get("NONE") == null, "every order had a fault");
        // The functions' logs went to the file, one JSON line each: the push's line for each order in WinThor.
        long pushed = java.nio.file.Files.readAllLines(logs).stream().filter(line -> line.startsWith("{")).map(Json::read)
                .filter(line -> "order-push".equals(line.path("flow").asText()) && "order in WinThor".equals(line.path("message").asText())).count();
        assertEquals(latency.get("orders").asInt(), pushed);
        assertTrue(report.get("webhookColdStart").get("all200").asBoolean(), report.get("webhookColdStart").toString());
        JsonNode invoices = report.get("invoices");
        assertTrue(invoices.get("ordersInvoicedInWinThor").asInt() >= 10, invoices.toString());
        assertEquals(invoices.get("ordersInvoicedInWinThor").asInt(), invoices.get("invoicesInStore").asInt(), "each invoice once");
        assertEquals(0, invoices.get("duplicates").asInt());
        assertEquals(0, invoices.get("missing").asInt());
    }
}
