package com.winthorvd.shared.winthor;

import com.winthorvd.shared.config.ConfigReader;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/**
 * How to reach WinThor, read from the environment. The password itself is not here: see {@link PasswordSource}.
 */
public record WinThorSettings(URI baseUrl, String user, PasswordRule passwordRule, Duration tokenLifetime,
                              Duration connectTimeout, Duration requestTimeout, Optional<Path> truststore,
                              List<String> branches) {

    /**
     * The time zone WinThor writes its dates in (lastChange, offers' start and end: local times without an offset),
     * WINTHOR_TIME_ZONE; default America/Sao_Paulo. Every version made of a WinThor date is converted with it.
     */
    public static java.time.ZoneId zone(ConfigReader config) {
        String name = config.optional("WINTHOR_TIME_ZONE", "America/Sao_Paulo");
        try {
            return java.time.ZoneId.of(name);
        } catch (java.time.DateTimeException e) {
            config.problem("WINTHOR_TIME_ZONE: '" + name + "' is not a time zone (e.g. America/Sao_Paulo, America/Manaus)");
            return java.time.ZoneId.of("America/Sao_Paulo");
        }
    }

    public static WinThorSettings read(ConfigReader config) {
        String url = config.required("WINTHOR_URL", "the WTA gateway, e.g. https://wta.example.com.br:8443");
        URI baseUrl = null;
        if (!url.isEmpty()) {
            try {
                baseUrl = URI.create(url);
                if (baseUrl.getScheme() == null || !baseUrl.getScheme().startsWith("http") || baseUrl.getHost() == null) {
                    throw new IllegalArgumentException("not an http(s) URL");
                }
            } catch (IllegalArgumentException e) {
                config.problem("WINTHOR_URL='" + url + "' is not an http(s) URL");
            }
            // The login carries the password's MD5, as good as the password: in clear only where the network is private.
            if (baseUrl != null && "http".equalsIgnoreCase(baseUrl.getScheme())
                    && !Boolean.parseBoolean(config.optional("WINTHOR_ALLOW_PLAIN_HTTP", "false"))) {
                config.problem("WINTHOR_URL='" + url + "' is plain http: the WinThor login would cross the network in clear; use https,"
                        + " or set WinThorAllowPlainHttp=true (WINTHOR_ALLOW_PLAIN_HTTP) if WinThor is reached through a VPN");
            }
        }
        return new WinThorSettings(baseUrl,
                config.required("WINTHOR_USER", "the WTA user (PCEMPR)"),
                config.choice("WINTHOR_PASSWORD_CASE", PasswordRule.UPPER, PasswordRule.class),
                config.seconds("WINTHOR_TOKEN_LIFETIME_SECONDS", Duration.ofHours(2)),
                config.seconds("WINTHOR_CONNECT_TIMEOUT_SECONDS", Duration.ofSeconds(5)),
                config.seconds("WINTHOR_REQUEST_TIMEOUT_SECONDS", Duration.ofSeconds(30)),
                config.optional("WINTHOR_TRUSTSTORE").map(Path::of),
                config.list("WINTHOR_BRANCHES"));
    }

    /** The HTTP transport these settings describe; never a trust-all context. */
    public WinThorHttp http() {
        return new WinThorHttp(baseUrl, connectTimeout, requestTimeout, sslContext().orElse(null));
    }

    /**
     * A TLS context trusting the given truststore (PKCS12 or JKS; password from WINTHOR_TRUSTSTORE_PASSWORD is not
     * needed to read certificates), for a WinThor with a certificate from a private CA.
     */
    Optional<SSLContext> sslContext() {
        if (truststore.isEmpty()) {
            return Optional.empty();
        }
        try (InputStream in = Files.newInputStream(truststore.get())) {
            KeyStore store = KeyStore.getInstance(KeyStore.getDefaultType());
            store.load(in, null);
            TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
            trust.init(store);
            SSLContext context = SSLContext.getInstance("TLS");
            context.init(null, trust.getTrustManagers(), null);
            return Optional.of(context);
        } catch (IOException | GeneralSecurityException e) {
            throw new IllegalStateException("cannot read WINTHOR_TRUSTSTORE " + truststore.get() + ": " + e.getMessage(), e);
        }
    }
}
