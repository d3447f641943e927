package com.winthorvd.cli.ops;

import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.store.VtexStore;
import java.util.LinkedHashMap;
import java.util.Map;

/** A real store from the command line: --store-url, --store-pricing-url, --app-key, and STORE_APP_TOKEN from the environment. */
final class StoreArgs {
    static final java.util.Set<String> OPTIONS = java.util.Set.of("store-url", "store-pricing-url", "app-key");

    private StoreArgs() {
    }

    static VtexStore client(Args args, Map<String, String> env) {
        String appToken = env.get("STORE_APP_TOKEN");
        if (appToken == null || appToken.isBlank()) {
            throw new Args.UsageException("set STORE_APP_TOKEN in the environment (never on the command line)");
        }
        String url = args.option("store-url").orElseThrow(() -> new Args.UsageException("--store-url is required"));
        Map<String, String> values = new LinkedHashMap<>();
        values.put("STORE_URL", url);
        values.put("STORE_PRICING_URL", args.option("store-pricing-url").orElse(url));
        values.put("STORE_APP_KEY", args.option("app-key").orElseThrow(() -> new Args.UsageException("--app-key is required with --store-url")));
        values.put("STORE_APP_TOKEN", appToken);
        values.put("STORE_TIMEOUT_SECONDS", "15");
        ConfigReader config = new ConfigReader(Env.of(values));
        StoreSettings settings = StoreSettings.read(config, arn -> {
            throw new IllegalStateException("no secret here");
        }, java.time.Clock.systemUTC());
        config.validate();
        return settings.store();
    }
}
