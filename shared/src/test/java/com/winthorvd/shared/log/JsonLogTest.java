package com.winthorvd.shared.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JsonLogTest {

    private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
    private final JsonLog log = new JsonLog("catalog-sync", null, Clock.fixed(Instant.parse("2026-11-30T12:00:00Z"), ZoneOffset.UTC),
            new PrintStream(buffer, true, StandardCharsets.UTF_8)).forRun("run-1");

    private String output() {
        return buffer.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writesOneJsonLinePerEventWithFlowRunAndKey() {
        log.info("MAP#product#42", "product synced", Map.of("attempts", 2));
        JsonNode line = Json.read(output().trim());
        assertEquals("INFO", line.get("level").asText());
        assertEquals("catalog-sync", line.get("flow").asText());
        assertEquals("run-1", line.get("runId").asText());
        assertEquals("MAP#product#42", line.get("key").asText());
        assertEquals(2, line.get("attempts").asInt());
        assertEquals(1, output().lines().count());
    }

    @Test
    void neverWritesSecretsOrPersonalDataInClear() {
        Map<String, Object> fields = new LinkedHashMap<>();
        fields.put("password", "Abc");
        fields.put("appToken", "VTEXTOKEN123");
        fields.put("customer", "CNPJ 12.345.678/0001-95, CPF 123.456.789-09, comprador@empresa.com.br, tel (11) 98765-4321");
        log.warn("customer 12345678000195", "login with senha 902FBDD2B1DF0C4F70B4A5D23525E932 and Bearer eyJabc.def", fields);
        log.error("k", "failed", new IllegalStateException("token abc refused for joao@x.com"));
        String text = output();
        for (String secret : new String[] {"Abc\"", "VTEXTOKEN123", "12.345.678/0001-95", "12345678000195", "123.456.789-09",
                "comprador@empresa.com.br", "98765-4321", "902FBDD2B1DF0C4F70B4A5D23525E932", "eyJabc.def", "joao@x.com"}) {
            assertFalse(text.contains(secret), "log contains " + secret + ": " + text);
        }
        assertTrue(text.contains("CNPJ***95"), text);
    }

    @Test
    void aMetricLineCarriesTheEmbeddedMetricDirectiveAndStaysRedacted() {
        log.metric("OrdersRejected", 1, "ORDER#1-01", "order rejected for buyer 11222333000181", Map.of("reason", "ORDER_UNKNOWN_SKU"));
        JsonNode line = Json.read(output().trim());
        JsonNode directive = line.get("_aws").get("CloudWatchMetrics").get(0);
        assertEquals(JsonLog.METRICS_NAMESPACE, directive.get("Namespace").asText());
        assertEquals("OrdersRejected", directive.get("Metrics").get(0).get("Name").asText());
        assertEquals("Flow", directive.get("Dimensions").get(0).get(0).asText());
        assertEquals("catalog-sync", line.get("Flow").asText());
        assertEquals(1, line.get("OrdersRejected").asInt());
        assertEquals(Instant.parse("2026-11-30T12:00:00Z").toEpochMilli(), line.get("_aws").get("Timestamp").asLong());
        assertFalse(output().contains("11222333000181"), "the CNPJ is masked in a metric line too");
    }
}
