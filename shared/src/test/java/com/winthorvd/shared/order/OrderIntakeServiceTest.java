package com.winthorvd.shared.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The hook's refusals are data points of their own, so a wrong hook secret in the store raises an alarm. */
class OrderIntakeServiceTest {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final List<OrderChange> queued = new ArrayList<>();
    private final OrderIntakeService service = new OrderIntakeService(() -> "s3cret", Set.of("ready-for-handling"), queued::add,
            new JsonLog("order-webhook", null, Clock.fixed(Instant.parse("2026-12-01T12:00:00Z"), ZoneOffset.UTC),
                    new PrintStream(out, true, StandardCharsets.UTF_8)));

    private List<String> metricsWritten() {
        List<String> names = new ArrayList<>();
        for (String line : out.toString(StandardCharsets.UTF_8).split("\n")) {
            if (line.contains("\"_aws\"")) {
                JsonNode node = Json.read(line);
                node.path("_aws").path("CloudWatchMetrics").path(0).path("Metrics").forEach(m -> names.add(m.path("Name").asText()
                        + "=" + node.path(m.path("Name").asText()).asInt() + "@" + node.path("Flow").asText()));
            }
        }
        return names;
    }

    @Test
    void aWrongSecretIsAWebhookUnauthorizedDataPoint() {
        assertEquals(401, service.receive(Map.of("X-Winthorvd-Hook-Secret", "wrong"), "{}").status());
        assertEquals(List.of("WebhookUnauthorized=1@order-webhook"), metricsWritten());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("wrong"), "the secret given is never logged");
        assertTrue(queued.isEmpty());
    }

    @Test
    void aMalformedPayloadIsAWebhookMalformedDataPointAndAGoodOneIsNone() {
        assertEquals(400, service.receive(Map.of(OrderIntakeService.SECRET_HEADER, "s3cret"), "not json").status());
        assertEquals(List.of("WebhookMalformed=1@order-webhook"), metricsWritten());
        out.reset();
        assertEquals(200, service.receive(Map.of(OrderIntakeService.SECRET_HEADER, "s3cret"), "{\"hookConfig\":\"ping\"}").status());
        assertEquals(List.of(), metricsWritten());
    }
}
