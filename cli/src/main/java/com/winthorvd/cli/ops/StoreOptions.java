package com.winthorvd.cli.ops;

import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.store.VtexStore;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import picocli.CommandLine.Option;

/** A real store from the command line: --store-url, --store-pricing-url, --app-key, and STORE_APP_TOKEN from the environment. */
public final class StoreOptions {
    @Option(names = "--store-url", paramLabel = "URL",
            description = "A real store (https://{account}.vtexcommercestable.com.br); AppToken from STORE_APP_TOKEN.")
    String url;

    @Option(names = "--store-pricing-url", paramLabel = "URL",
            description = "The store's pricing API, when not at --store-url (https://api.vtex.com/{account}).")
    String pricingUrl;

    @Option(names = "--app-key", paramLabel = "KEY", description = "The store's AppKey (with --store-url).")
    String appKey;

    public boolean given() {
        return url != null;
    }

    public String url() {
        return url;
    }

    public String pricingUrl() {
        return pricingUrl == null ? url : pricingUrl;
    }

    public String appKey() {
        if (appKey == null) {
            throw new UsageException("--app-key is required with --store-url");
        }
        return appKey;
    }

    /** The store's client, when --store-url was given. */
    public Optional<VtexStore> clientIfGiven(Map<String, String> env) {
        return given() ? Optional.of(client(env)) : Optional.empty();
    }

    public VtexStore client(Map<String, String> env) {
        String appToken = env.get("STORE_APP_TOKEN");
        if (appToken == null || appToken.isBlank()) {
            throw new UsageException("set STORE_APP_TOKEN in the environment (never on the command line)");
        }
        if (url == null) {
            throw new UsageException("--store-url is required");
        }
        Map<String, String> values = new LinkedHashMap<>();
        values.put("STORE_URL", url);
        values.put("STORE_PRICING_URL", pricingUrl());
        values.put("STORE_APP_KEY", appKey());
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
