package com.winthorvd.cli;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.data.DemoData;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.StoreSimulator;
import com.winthorvd.testkit.sim.WinThorSimulator;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CatalogCommandTest {

    private static JsonNode run(Map<String, String> env, String... argv) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
        String text = out.toString(StandardCharsets.UTF_8);
        assertEquals(0, code, text + err.toString(StandardCharsets.UTF_8));
        return Json.read(text);
    }

    @Test
    void thePlanCountsEveryRecordAndListsEachRejectionWithItsRoutine() {
        JsonNode plan = run(Map.of(), "catalog", "plan", "--products", "20", "--json");
        assertTrue(plan.get("counts").get("PRODUCT").get("create").asLong() > 0, plan.toString());
        assertTrue(plan.get("lines").toString().contains("rotina 302"), "customer rejections name routine 302");
    }

    @Test
    void runCatalogSyncTakesAnyWtaAndStoreGivenByUrlWithSecretsFromTheEnvironment() {
        MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
        try (WinThorSimulator winthor = new WinThorSimulator(clock).user("OUTRO", "Senha#2026");
             StoreSimulator store = new StoreSimulator(RepoRoot.find(), clock)) {
            Manifest manifest = DemoData.generate(winthor.data(), 20, 7L);
            JsonNode report = run(Map.of("WINTHOR_PASSWORD", "Senha#2026", "STORE_APP_TOKEN", StoreSimulator.APP_TOKEN),
                    "run", "catalog-sync", "--full", "--winthor-url", winthor.url(), "--user", "OUTRO", "--branches", "1,2,3",
                    "--store-url", store.url(), "--app-key", StoreSimulator.APP_KEY, "--json");
            assertEquals(0, report.get("deadLetters").asInt());
            assertEquals(manifest.count("product", Manifest.Outcome.SYNCED), report.get("counts").get("PRODUCT").get("SYNCED").asLong());
            assertEquals(manifest.count("product", Manifest.Outcome.SYNCED), store.products().size());
        }
    }

    @Test
    void thePlanOfARealWtaReadsTheDeployedStacksState() {
        try (LocalWorld world = LocalWorld.start(com.winthorvd.testkit.stack.LocalAws.shared(), 20)) {
            Map<String, String> env = new java.util.HashMap<>(world.aws.runtimeEnv());
            env.put("WINTHOR_PASSWORD", LocalWorld.PASSWORD);
            env.put("CATALOG_SCOPE", "{\"brands\":{\"exclude\":[1]}}");
            JsonNode plan = run(env, "catalog", "plan", "--winthor-url", world.winthor.url(), "--user", LocalWorld.USER,
                    "--branches", LocalWorld.BRANCHES, "--table", world.table.tableName(), "--json");
            assertEquals(1, plan.get("counts").get("BRAND").get("OUT_OF_SCOPE").asLong(), plan.get("counts").toString());
            assertTrue(plan.get("lines").toString().contains("CATALOG_SCOPE.brands"));
        }
    }

    @Test
    void aRealWtaIsPlannedAgainstAnEmptyStateAndSyncedIntoTheStoreSimulatorWithoutAStack() {
        MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
        try (WinThorSimulator winthor = new WinThorSimulator(clock).user("OUTRO", "Senha#2026")) {
            Manifest manifest = DemoData.generate(winthor.data(), 20, 7L);
            Map<String, String> env = Map.of("WINTHOR_PASSWORD", "Senha#2026");
            JsonNode plan = run(env, "catalog", "plan", "--winthor-url", winthor.url(), "--user", "OUTRO", "--branches", "1,2,3", "--json");
            assertEquals(manifest.count("product", Manifest.Outcome.SYNCED), plan.get("counts").get("PRODUCT").get("create").asLong(),
                    "an empty state: every integrable product would be created " + plan.get("counts"));
            assertEquals(null, plan.get("counts").get("PRODUCT").get("unchanged"), plan.get("counts").toString());

            JsonNode report = run(env, "run", "catalog-sync", "--full", "--winthor-url", winthor.url(), "--user", "OUTRO",
                    "--branches", "1,2,3", "--json");
            assertEquals(0, report.get("deadLetters").asInt());
            assertEquals(manifest.count("product", Manifest.Outcome.SYNCED), report.get("counts").get("PRODUCT").get("SYNCED").asLong());
        }
    }
}
