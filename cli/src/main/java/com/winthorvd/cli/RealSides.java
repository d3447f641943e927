package com.winthorvd.cli;

import com.winthorvd.cli.ops.BranchesOption;
import com.winthorvd.cli.ops.SidesOptions;
import com.winthorvd.cli.ops.StoreOptions;
import com.winthorvd.cli.ops.UsageException;
import com.winthorvd.cli.ops.WinThorOptions;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAws;
import java.time.Instant;
import java.util.Map;

/**
 * The outside systems the command line names in place of the simulators: a real WTA ({@code --winthor-url --user
 * --branches}, WINTHOR_PASSWORD) and a real store ({@code --store-url [--store-pricing-url] --app-key},
 * STORE_APP_TOKEN); either is null when not given. Secrets come from the environment, never the command line.
 */
record RealSides(LocalWorld.RealWinThor winthor, LocalWorld.RealStore store) {

    static RealSides from(SidesOptions sides, Map<String, String> env) {
        return from(sides.winthor(), sides.branches(), sides.store(), env);
    }

    static RealSides from(WinThorOptions winthorOptions, BranchesOption branches, StoreOptions storeOptions, Map<String, String> env) {
        LocalWorld.RealWinThor winthor = null;
        if (winthorOptions.given()) {
            winthor = new LocalWorld.RealWinThor(winthorOptions.url(), winthorOptions.user(), String.join(",", branches.required()),
                    secret(env, "WINTHOR_PASSWORD"));
        }
        LocalWorld.RealStore store = null;
        if (storeOptions.given()) {
            store = new LocalWorld.RealStore(storeOptions.url(), storeOptions.pricingUrl(), storeOptions.appKey(), secret(env, "STORE_APP_TOKEN"));
        }
        return new RealSides(winthor, store);
    }

    boolean any() {
        return winthor != null || store != null;
    }

    /** A local world with these sides real and the others simulated, on a clock that starts at the real time. */
    LocalWorld start(int products) {
        return LocalWorld.start(LocalAws.shared(), products, Map.of(), MutableClock.at(Instant.now().toString()), winthor, store);
    }

    private static String secret(Map<String, String> env, String name) {
        String value = env.get(name);
        if (value == null) {
            throw new UsageException("set " + name + " in the environment (never on the command line)");
        }
        return value;
    }
}
