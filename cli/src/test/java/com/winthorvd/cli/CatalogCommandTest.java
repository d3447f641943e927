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
import java.util.List;
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

    @Test
    void heldDeactivationsAreListedAndReleasedOnlyWithConfirm() {
        try (LocalWorld world = LocalWorld.start(com.winthorvd.testkit.stack.LocalAws.shared(), 20,
                Map.of("CatalogDeactivationMaxPercent", "0", "CatalogDeactivationMinRecords", "1"))) {
            com.winthorvd.testkit.CatalogDriver.sync(world, true);
            List<String> gone = world.manifest.records("product").entrySet().stream()
                    .filter(e -> e.getValue().outcome() == Manifest.Outcome.SYNCED).map(Map.Entry::getKey).sorted().limit(2).toList();
            for (String key : gone) {
                var p = world.winthor.data().products.get(key);
                world.winthor.data().products.put(new com.winthorvd.shared.winthor.model.Product(p.id(), p.name(), p.description(),
                        p.departmentId(), p.sectionId(), p.categoryId(), p.brandId(), p.supplierId(), p.active(), false, p.showWithoutStock(),
                        p.webDepartmentId(), p.webSectionId(), p.webCategoryId(), p.grossWeightKg(), p.netWeightKg(), p.lastChange()));
            }
            var runs = com.winthorvd.testkit.CatalogDriver.sync(world, true);
            String runId = String.valueOf(runs.get(runs.size() - 1).get("runId"));
            Map<String, String> env = world.aws.runtimeEnv();
            String table = world.table.tableName();

            ByteArrayOutputStream listed = new ByteArrayOutputStream();
            assertEquals(1, Main.run(new String[] {"catalog", "deactivate", "--table", table, "--run", runId},
                    new PrintStream(listed, true, StandardCharsets.UTF_8), System.err, env), "not confirmed: nothing done");
            String text = listed.toString(StandardCharsets.UTF_8);
            assertTrue(text.contains("run " + runId + ", product: 2 of "), text);
            assertTrue(text.contains("nothing deactivated"), text);
            com.winthorvd.testkit.CatalogDriver.sync(world, false);
            for (String key : gone) {
                assertEquals("SYNCED", com.winthorvd.testkit.CatalogDriver.state(world, "product", key).string("status").orElseThrow());
            }

            ByteArrayOutputStream released = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new String[] {"catalog", "deactivate", "--table", table, "--run", runId, "--queue-url",
                    world.deployment.queueUrl("CatalogQueue"), "--confirm"}, new PrintStream(released, true, StandardCharsets.UTF_8), System.err, env));
            assertTrue(released.toString(StandardCharsets.UTF_8).contains("PRODUCT=2"), released.toString(StandardCharsets.UTF_8));
            world.runner.drain(com.winthorvd.testkit.CatalogDriver.APPLY, java.time.Duration.ofMinutes(2));
            for (String key : gone) {
                assertEquals("REMOVED", com.winthorvd.testkit.CatalogDriver.state(world, "product", key).string("status").orElseThrow());
            }
        }
    }
}
