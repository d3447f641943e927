package com.winthorvd.testkit.sim;

import static org.junit.jupiter.api.Assertions.fail;

import java.util.List;
import java.util.function.Supplier;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Fails a test if the store simulator saw any request or response that breaks VTEX's OpenAPI contract during it
 * (register with {@code @RegisterExtension}). Without ../shared/contracts the check cannot run and says so once.
 */
public final class ContractCheck implements BeforeEachCallback, AfterEachCallback {
    private final Supplier<StoreSimulator> store;
    private int before;
    private static boolean warned;

    public ContractCheck(Supplier<StoreSimulator> store) {
        this.store = store;
    }

    @Override
    public void beforeEach(ExtensionContext context) {
        before = store.get().violations().size();
        if (!store.get().validatesContract() && !warned) {
            warned = true;
            System.out.println("contract validation skipped: ../shared/contracts/vtex is not beside this clone");
        }
    }

    /** The violations seen so far in this test are deliberate (a test of the simulator's own rules). */
    public void forgive() {
        before = store.get().violations().size();
    }

    @Override
    public void afterEach(ExtensionContext context) {
        List<String> violations = store.get().violations();
        if (violations.size() > before) {
            fail("VTEX contract violations:\n  " + String.join("\n  ", violations.subList(before, violations.size())));
        }
    }
}
