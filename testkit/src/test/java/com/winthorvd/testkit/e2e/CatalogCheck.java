package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.LocalWorld;
import java.util.List;

/** The tests' assertion on top of the {@link CatalogDriver}'s record-by-record comparison. */
final class CatalogCheck {
    private CatalogCheck() {
    }

    static void assertMatchesManifest(LocalWorld world) {
        List<String> state = CatalogDriver.stateMismatches(world, world.manifest);
        assertTrue(state.isEmpty(), state.size() + " state mismatches, first: " + state.stream().limit(10).toList());
        List<String> store = CatalogDriver.storeMismatches(world, world.manifest);
        assertTrue(store.isEmpty(), store.size() + " store mismatches, first: " + store.stream().limit(10).toList());
        assertEquals(List.of(), world.store.violations(), "VTEX contract violations");
    }
}
