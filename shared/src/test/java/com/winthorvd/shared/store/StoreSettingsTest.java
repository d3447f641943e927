package com.winthorvd.shared.store;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.config.ConfigException;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class StoreSettingsTest {
    private static final java.time.Clock CLOCK = java.time.Clock.fixed(java.time.Instant.parse("2026-11-30T12:00:00Z"), java.time.ZoneOffset.UTC);


    @Test
    void readsTheAppTokenFromTheSecretOnceOnFirstUse() {
        AtomicInteger reads = new AtomicInteger();
        ConfigReader config = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "vtexappkey-loja-ABC",
                "STORE_APP_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:sa-east-1:1:secret:store")));
        StoreSettings settings = StoreSettings.read(config, arn -> {
            reads.incrementAndGet();
            return "{\"appToken\":\"TOKEN\"}";
        }, CLOCK);
        config.validate();
        assertEquals(0, reads.get(), "no I/O at init");
        assertEquals("TOKEN", settings.appToken().get());
        assertEquals("TOKEN", settings.appToken().get());
        assertEquals(1, reads.get());
    }

    @Test
    void aRefusedAppTokenIsReadAgainAtMostOncePerIntervalAndANewOneIsUsedAtOnce() {
        AtomicInteger reads = new AtomicInteger();
        java.util.concurrent.atomic.AtomicReference<String> secret = new java.util.concurrent.atomic.AtomicReference<>("OLD");
        com.winthorvd.shared.util.MutableClock clock = com.winthorvd.shared.util.MutableClock.at("2026-11-30T12:00:00Z");
        ConfigReader config = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "k",
                "STORE_APP_TOKEN_SECRET_ARN", "arn:aws:secretsmanager:sa-east-1:1:secret:store")));
        var token = StoreSettings.read(config, arn -> {
            reads.incrementAndGet();
            return secret.get();
        }, clock).appToken();
        assertEquals("OLD", token.get());
        assertEquals("OLD", token.reread("OLD"), "read within the interval: the same value, no read");
        assertEquals(1, reads.get());
        clock.advance(StoreSettings.SECRET_REREAD);
        assertEquals("OLD", token.reread("OLD"), "read again: still the old value in Secrets Manager");
        assertEquals(2, reads.get());
        secret.set("NEW");
        assertEquals("OLD", token.reread("OLD"), "fixed in Secrets Manager, but read a moment ago");
        clock.advance(StoreSettings.SECRET_REREAD);
        assertEquals("NEW", token.reread("OLD"));
        assertEquals("NEW", token.reread("OLD"), "another caller refused the old one: the new one, without a read");
        assertEquals("NEW", token.get());
        assertEquals(3, reads.get());
    }

    @Test
    void reportsEveryMissingOrBadValue() {
        ConfigReader config = new ConfigReader(Env.of(Map.of("STORE_URL", "loja")));
        StoreSettings.read(config, arn -> "", CLOCK);
        ConfigException e = assertThrows(ConfigException.class, config::validate);
        assertTrue(e.getMessage().contains("STORE_URL='loja' is not an http(s) URL"), e.getMessage());
        assertTrue(e.getMessage().contains("STORE_PRICING_URL is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("STORE_APP_KEY is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("no store AppToken"), e.getMessage());
    }

    @Test
    void storeRatesComeFromTheEnvironmentAndABadOneIsNamed() {
        ConfigReader config = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "k", "STORE_APP_TOKEN", "t",
                "STORE_RATE_LIMITS", "catalog=1000, pricing-write=12.5")));
        StoreSettings settings = StoreSettings.read(config, arn -> "", CLOCK);
        config.validate();
        assertEquals(Map.of(RateLimits.Group.CATALOG, 1000.0, RateLimits.Group.PRICING_WRITE, 12.5), settings.ratesPerSecond());
        assertEquals(1, settings.ratesSharedBy(), "one container unless the function says how many share the limits");

        ConfigReader shared = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "k", "STORE_APP_TOKEN", "t", "STORE_RATE_SHARED_BY", "4")));
        assertEquals(4, StoreSettings.read(shared, arn -> "", CLOCK).ratesSharedBy());
        ConfigReader none = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "k", "STORE_APP_TOKEN", "t", "STORE_RATE_SHARED_BY", "0")));
        StoreSettings.read(none, arn -> "", CLOCK);
        ConfigException zero = assertThrows(ConfigException.class, none::validate);
        assertTrue(zero.getMessage().contains("STORE_RATE_SHARED_BY"), zero.getMessage());

        for (String bad : new String[] {"katalog=40", "catalog=fast", "catalog=0", "catalog"}) {
            ConfigReader wrong = new ConfigReader(Env.of(Map.of("STORE_URL", "https://loja.vtexcommercestable.com.br",
                    "STORE_PRICING_URL", "https://api.vtex.com/loja", "STORE_APP_KEY", "k", "STORE_APP_TOKEN", "t",
                    "STORE_RATE_LIMITS", bad)));
            StoreSettings.read(wrong, arn -> "", CLOCK);
            ConfigException e = assertThrows(ConfigException.class, wrong::validate, bad);
            assertTrue(e.getMessage().contains("STORE_RATE_LIMITS"), e.getMessage());
        }
    }
}
