package com.winthorvd.bench;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAws;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

/**
 * What a benchmark runs under, as `bench` options give it: the template parameters it deploys with (the store account's
 * limits among them), the time the store takes to answer each call, and AWS's prices for what it counts.
 *
 * @param storeLatency added to every store answer: VTEX answers in tens to hundreds of milliseconds, the simulator on
 *                     loopback in one, and a container that calls one after another is bound by it
 * @param accountLimits the limits the store enforces where they are not the StoreRateLimits the functions deploy with
 *                      (a StoreRateLimits set above the account's), in its text; null: the same
 */
public record Conditions(Map<String, String> parameters, Duration storeLatency, AwsPrices prices, String accountLimits) {
    public Conditions {
        parameters = Map.copyOf(parameters);
        if (accountLimits != null) {
            com.winthorvd.shared.store.RateLimits.parse(accountLimits); // refused here, not after a world is built
        }
        if (storeLatency.isNegative()) {
            throw new IllegalArgumentException("the store's latency cannot be negative: " + storeLatency);
        }
    }

    /** A local world of {@code products} under these conditions, with the benchmark's own parameters on top. */
    LocalWorld start(int products, Map<String, String> own) {
        Map<String, String> all = new HashMap<>(parameters);
        all.putAll(own);
        LocalWorld world = LocalWorld.start(LocalAws.shared(), products, all);
        world.store.latency(storeLatency);
        if (accountLimits != null) {
            world.store.limitAccount(accountLimits);
        }
        return world;
    }

    /** What the report says of them. */
    Map<String, Object> describe() {
        Map<String, Object> out = new java.util.LinkedHashMap<>();
        out.put("storeLatencyMillis", storeLatency.toMillis());
        if (accountLimits != null) {
            out.put("storeRateLimits", parameters.get("StoreRateLimits"));
            out.put("storeAccountLimits", accountLimits);
        }
        return out;
    }
}
