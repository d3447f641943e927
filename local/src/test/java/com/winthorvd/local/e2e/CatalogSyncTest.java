package com.winthorvd.local.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.winthorvd.local.LocalWorld;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The real catalog handlers, through the runner, against moto, ElasticMQ and both simulators. */
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
    void aFullSyncMatchesTheManifestRecordByRecordAndLeavesTheDlqEmpty() {
        List<Map<?, ?>> runs = CatalogCheck.sync(world, true);
        assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), runs.toString());
        CatalogCheck.assertMatchesManifest(world);
        assertEquals(0, world.runner.pendingOn("CatalogDeadLetterQueue"), "catalog DLQ");
    }
}
