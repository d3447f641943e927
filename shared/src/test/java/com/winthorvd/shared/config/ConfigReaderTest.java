package com.winthorvd.shared.config;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WinThorSettings;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ConfigReaderTest {

    @Test
    void reportsEveryProblemAtOnceWithOneLineEach() {
        ConfigReader config = new ConfigReader(Env.of(Map.of(
                "WINTHOR_URL", "ftp://nope", "WINTHOR_TOKEN_LIFETIME_SECONDS", "two hours",
                "WINTHOR_PASSWORD_CASE", "lower")));
        WinThorSettings.read(config);
        ConfigException e = assertThrows(ConfigException.class, config::validate);
        assertEquals(4, e.problems().size(), e.getMessage());
        assertTrue(e.getMessage().contains("WINTHOR_USER is missing"), e.getMessage());
        assertTrue(e.getMessage().contains("WINTHOR_URL='ftp://nope' is not an http(s) URL"), e.getMessage());
        assertTrue(e.getMessage().contains("WINTHOR_TOKEN_LIFETIME_SECONDS='two hours' is not a number of seconds"), e.getMessage());
        assertTrue(e.getMessage().contains("WINTHOR_PASSWORD_CASE='lower' must be one of [upper, asTyped]"), e.getMessage());
    }

    @Test
    void readsValidSettingsWithDefaults() {
        ConfigReader config = new ConfigReader(Env.of(Map.of("WINTHOR_URL", "https://wta.example.com:8443/",
                "WINTHOR_USER", "INTEGRACAO", "WINTHOR_BRANCHES", " 1, 2 ,3", "WINTHOR_PASSWORD_CASE", "asTyped")));
        WinThorSettings settings = WinThorSettings.read(config);
        config.validate();
        assertEquals(List.of("1", "2", "3"), settings.branches());
        assertEquals(Duration.ofHours(2), settings.tokenLifetime());
        assertEquals(PasswordRule.AS_TYPED, settings.passwordRule());
        assertEquals("https://wta.example.com:8443", settings.http().baseUrl().toString());
    }

    @Test
    void refusesAPlainHttpWinThorUnlessAllowedForAVpn() {
        Map<String, String> plain = Map.of("WINTHOR_URL", "http://10.0.0.5:8080", "WINTHOR_USER", "INTEGRACAO");
        ConfigReader refused = new ConfigReader(Env.of(plain));
        WinThorSettings.read(refused);
        ConfigException e = assertThrows(ConfigException.class, refused::validate);
        assertTrue(e.getMessage().contains("is plain http: the WinThor login would cross the network in clear; use https,"
                + " or set WinThorAllowPlainHttp=true"), e.getMessage());
        java.util.HashMap<String, String> allowed = new java.util.HashMap<>(plain);
        allowed.put("WINTHOR_ALLOW_PLAIN_HTTP", "true");
        ConfigReader inVpn = new ConfigReader(Env.of(allowed));
        assertEquals("http://10.0.0.5:8080", WinThorSettings.read(inVpn).baseUrl().toString());
        inVpn.validate();
    }

    @Test
    void treatsBlankValuesAsAbsent() {
        ConfigReader config = new ConfigReader(Env.of(Map.of("X", "  ")));
        assertEquals("d", config.optional("X", "d"));
        config.required("X", "something");
        assertThrows(ConfigException.class, config::validate);
    }
}
