package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.json.Json;
import java.util.Locale;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Gives the login's {@code senha}. In the cloud the password is read from AWS Secrets Manager (the ARN in
 * WINTHOR_PASSWORD_SECRET_ARN), on first use and then kept for the container's life; locally it comes from
 * WINTHOR_PASSWORD, or WINTHOR_PASSWORD_MD5 when the implementer already has the hash (as the TOTVS guide
 * tells them to make). A secret may hold the plain password, or JSON with "password" or "passwordMd5".
 */
public final class PasswordSource {
    private final Supplier<String> source;
    private volatile String senha;

    /** @param source computes the senha; called once, on first use */
    private PasswordSource(Supplier<String> source) {
        this.source = source;
    }

    /** Reads which source applies; {@code secretReader} fetches a secret's text by ARN when one is configured. */
    public static PasswordSource read(ConfigReader config, PasswordRule rule, java.util.function.Function<String, String> secretReader) {
        Optional<String> arn = config.optional("WINTHOR_PASSWORD_SECRET_ARN");
        if (arn.isPresent()) {
            return new PasswordSource(() -> senhaOfSecret(secretReader.apply(arn.get()), rule));
        }
        Optional<String> md5 = config.optional("WINTHOR_PASSWORD_MD5");
        if (md5.isPresent()) {
            if (!md5.get().matches("[0-9A-Fa-f]{32}")) {
                config.problem("WINTHOR_PASSWORD_MD5 must be 32 hexadecimal characters (the MD5 of the WTA password)");
            }
            return new PasswordSource(() -> md5.get().toUpperCase(Locale.ROOT));
        }
        Optional<String> plain = config.optional("WINTHOR_PASSWORD");
        if (plain.isPresent()) {
            return new PasswordSource(() -> rule.senha(plain.get()));
        }
        config.problem("no WinThor password: set WINTHOR_PASSWORD_SECRET_ARN (cloud), or WINTHOR_PASSWORD or WINTHOR_PASSWORD_MD5 (local)");
        return new PasswordSource(() -> {
            throw new IllegalStateException("no WinThor password configured");
        });
    }

    /** The {@code senha} for the login, computed once. */
    public String senha() {
        String value = senha;
        if (value == null) {
            value = source.get();
            senha = value;
        }
        return value;
    }

    /** A secret holds the plain password, or JSON with "password" or "passwordMd5". */
    private static String senhaOfSecret(String text, PasswordRule rule) {
        String trimmed = text.trim();
        if (trimmed.startsWith("{")) {
            JsonNode json = Json.read(trimmed);
            if (json.hasNonNull("passwordMd5")) {
                return json.get("passwordMd5").asText().toUpperCase(Locale.ROOT);
            }
            if (json.hasNonNull("password")) {
                return rule.senha(json.get("password").asText());
            }
            throw new IllegalStateException("the WinThor password secret is JSON without \"password\" or \"passwordMd5\"");
        }
        return rule.senha(text);
    }
}
