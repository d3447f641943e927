package com.winthorvd.cli;

import com.winthorvd.cli.ops.Args;
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

    static RealSides from(Args args, Map<String, String> env) {
        LocalWorld.RealWinThor winthor = null;
        if (args.option("winthor-url").isPresent()) {
            winthor = new LocalWorld.RealWinThor(required(args, "winthor-url"), required(args, "user"), required(args, "branches"),
                    secret(env, "WINTHOR_PASSWORD"));
        }
        LocalWorld.RealStore store = null;
        if (args.option("store-url").isPresent()) {
            String url = required(args, "store-url");
            store = new LocalWorld.RealStore(url, args.option("store-pricing-url").orElse(url), required(args, "app-key"),
                    secret(env, "STORE_APP_TOKEN"));
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
            throw new Args.UsageException("set " + name + " in the environment (never on the command line)");
        }
        return value;
    }

    private static String required(Args args, String option) {
        return args.option(option).orElseThrow(() -> new Args.UsageException("--" + option + " is required with --winthor-url/--store-url"));
    }
}
