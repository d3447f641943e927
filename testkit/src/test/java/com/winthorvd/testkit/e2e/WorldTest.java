package com.winthorvd.testkit.e2e;

import com.winthorvd.testkit.LocalWorld;
import org.junit.jupiter.api.AfterEach;

/** An end-to-end test on a local world of its own (started by the test's set-up), closed after each test. */
public abstract class WorldTest {
    protected LocalWorld world;

    @AfterEach
    protected void closeWorld() {
        if (world != null) {
            world.close();
        }
    }
}
