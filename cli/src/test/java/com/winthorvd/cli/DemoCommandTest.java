package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's demo command, run in-process: it must keep passing as flows are added. */
class DemoCommandTest {

    @Test
    void theDemoMeetsEveryExpectationAndPrintsOneJsonObject() throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int code = Main.run(new String[] {"demo", "--json"}, new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err, Map.of());
        JsonNode report = Json.read(out.toString(StandardCharsets.UTF_8));
        assertEquals(0, code, report.toPrettyString());
        assertTrue(report.get("ok").asBoolean());
        assertTrue(report.get("steps").size() >= 4);
        for (JsonNode step : report.get("steps")) {
            assertTrue(step.get("ok").asBoolean(), step.toString());
        }
        assertEquals(3, report.get("runs").size(), "one run-log item per token-refresh run");
        String logs = Files.readString(Path.of(report.get("functionLogs").asText()));
        assertTrue(logs.contains("\"flow\":\"token-refresh\""), logs);
        assertTrue(!logs.contains("Integra@2026"), "the password never reaches a log");
    }
}
