package com.winthorvd.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.CachedSecret;
import com.winthorvd.shared.util.Sleeper;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * How to reach the store, from the environment. The AppToken comes from Secrets Manager in the cloud
 * (STORE_APP_TOKEN_SECRET_ARN: the plain token or JSON with "appToken"), read on first use and kept for the
 * container's life, and read again (at most every {@link #SECRET_REREAD}) when the store refuses it, so a rotated
 * token is picked up without a redeploy; locally from STORE_APP_TOKEN. It is never logged. The rate limits are the
 * store account's (STORE_RATE_LIMITS), shared by STORE_RATE_SHARED_BY containers of the function at most.
 */
public record StoreSettings(URI accountUrl, URI pricingUrl, String appKey, CachedSecret appToken, Duration timeout,
                            Map<RateLimits.Group, Double> ratesPerSecond, int ratesSharedBy) {
    /**
     * Short, because every store call of the container fails until the new token is read: after a rotation, orders wait
     * for it. A read costs $0.05 per 10 000 and the quota is thousands a second, so one per container every 5 s of an
     * outage is nothing.
     */
    public static final Duration SECRET_REREAD = Duration.ofSeconds(5);

    /** @param clock the handler's clock, which paces the secret's re-reads */
    public static StoreSettings read(ConfigReader config, Function<String, String> secretReader, Clock clock) {
        URI account = url(config, config.required("STORE_URL", "the store account host, e.g. https://loja.vtexcommercestable.com.br"), "STORE_URL");
        URI pricing = url(config, config.required("STORE_PRICING_URL", "the Pricing host, e.g. https://api.vtex.com/loja"), "STORE_PRICING_URL");
        String appKey = config.required("STORE_APP_KEY", "the store AppKey");
        Optional<String> arn = config.optional("STORE_APP_TOKEN_SECRET_ARN");
        CachedSecret token;
        if (arn.isPresent()) {
            token = new CachedSecret(() -> tokenOf(secretReader.apply(arn.get())), clock, SECRET_REREAD);
        } else {
            String local = config.optional("STORE_APP_TOKEN").orElse(null);
            if (local == null) {
                config.problem("no store AppToken: set STORE_APP_TOKEN_SECRET_ARN (cloud) or STORE_APP_TOKEN (local)");
            }
            token = CachedSecret.fixed(local);
        }
        Map<RateLimits.Group, Double> rates = Map.of();
        try {
            rates = RateLimits.parse(config.pairs("STORE_RATE_LIMITS"));
        } catch (IllegalArgumentException e) {
            config.problem("STORE_RATE_LIMITS: " + e.getMessage());
        }
        int sharedBy = config.integer("STORE_RATE_SHARED_BY", 1, 1, 1000); // the function's MaximumConcurrency
        return new StoreSettings(account, pricing, appKey, token, config.seconds("STORE_TIMEOUT_SECONDS", Duration.ofSeconds(20)), rates,
                sharedBy);
    }

    private static URI url(ConfigReader config, String text, String name) {
        if (text.isEmpty()) {
            return null;
        }
        try {
            URI uri = URI.create(text);
            if (uri.getHost() != null && uri.getScheme() != null && uri.getScheme().startsWith("http")) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        config.problem(name + "='" + text + "' is not an http(s) URL");
        return null;
    }

    static String tokenOf(String secret) {
        String trimmed = secret.trim();
        if (trimmed.startsWith("{")) {
            JsonNode json = Json.read(trimmed);
            if (!json.hasNonNull("appToken")) {
                throw new IllegalStateException("the store secret is JSON without \"appToken\"");
            }
            return json.get("appToken").asText();
        }
        return trimmed;
    }

    /**
     * The retries' jitter. SecureRandom, not ThreadLocalRandom or Random: Lambda re-seeds it after a SnapStart restore,
     * while a generator seeded at init would give every container restored from one snapshot the same sequence, so
     * their retries would fall together again.
     */
    private static final java.security.SecureRandom JITTER = new java.security.SecureRandom();

    /** The store client these settings describe, paced by this container's share of the rates (built once per container). */
    public VtexStore store() {
        return store(rateLimits());
    }

    /**
     * The same, with a warning in the log when the store's refill shows an account slower than StoreRateLimits says:
     * the pace follows the store, and the setting is named to be fixed.
     */
    public VtexStore store(com.winthorvd.shared.log.JsonLog log) {
        return store(rateLimits().onSlowdown((group, configured, account) -> log.warn("store-rate-limits", "StoreRateLimits "
                + RateLimits.format(Map.of(group, configured)) + " is above the store account's rate: its credits refill at about "
                + Math.round(account * 10) / 10.0 + "/s (Ratelimit-Reset), and this container now paces to its share of that;"
                + " set StoreRateLimits to the account's rate",
                Map.of("group", group.configName(), "configuredPerSecond", configured, "accountPerSecond", account))));
    }

    private RateLimits rateLimits() {
        return new RateLimits(ratesPerSecond, ratesSharedBy, System::nanoTime, Sleeper.REAL);
    }

    public VtexStore store(RateLimits limits) {
        return new VtexStore(new VtexHttp(accountUrl, pricingUrl, appKey, appToken, timeout, limits,
                Sleeper.REAL, JITTER::nextDouble));
    }
}
