package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.catalog.CatalogEntity;
import com.winthorvd.shared.catalog.CatalogPlan;
import com.winthorvd.shared.catalog.CatalogReport;
import java.util.Arrays;
import java.util.List;
import java.util.TreeMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real catalog handlers, through the runner, against the local AWS (dynalite, ElasticMQ) and both simulators. */
class CatalogSyncTest {
    private LocalWorld world;

    @BeforeEach
    void start() {
        world = TestAws.world();
    }

    @AfterEach
    void stop() {
        if (world != null) {
            world.close();
        }
    }

    @Test
    void aFullSyncMatchesTheManifestRecordByRecordLeavesTheDlqEmptyAndMatchesThePlan() {
        CatalogPlan.Result plan = CatalogDriver.plan(world);
        int storeCallsBefore = world.store.totalRequests();
        assertEquals(0, storeCallsBefore, "the plan writes nothing");
        List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), runs.toString());
        CatalogCheck.assertMatchesManifest(world);
        assertEquals(0, world.runner.pendingOn("CatalogDeadLetterQueue"), "catalog DLQ");

        Map<CatalogEntity, Map<String, Long>> report = CatalogReport.counts(world.table);
        for (CatalogEntity entity : CatalogEntity.values()) {
            Map<String, Long> planned = new TreeMap<>(plan.counts().getOrDefault(entity, Map.of()));
            planned.keySet().removeIf(k -> Arrays.stream(CatalogPlan.Action.values()).anyMatch(a -> a.key().equals(k)));
            Map<String, Long> real = new TreeMap<>(report.getOrDefault(entity, Map.of()));
            real.remove("inactive: no image");
            assertEquals(planned, real, "plan and real run for " + entity.id());
            assertEquals(plan.counts().get(entity).getOrDefault("create", 0L), real.getOrDefault("SYNCED", 0L),
                    "every synced " + entity.id() + " was planned as a create");
        }
        assertEquals(world.manifest.count("sku", com.winthorvd.testkit.data.Manifest.Outcome.SYNCED),
                report.get(CatalogEntity.SKU).get("inactive: no image"), "every synced SKU is listed as inactive for want of an image");
    }
}
