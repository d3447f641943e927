package com.winthorvd.local.e2e;

import com.winthorvd.local.LocalWorld;
import org.junit.jupiter.api.AfterEach;

/** An end-to-end test on a local world of its own (started by the test's set-up), closed after each test. */
abstract class WorldTest {
    protected LocalWorld world;

    @AfterEach
    void closeWorld() {
        if (world != null) {
            world.close();
        }
    }
}
