package com.winthorvd.shared.winthor;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Locale;

/**
 * How the WTA login's {@code senha} is made from the password: MD5 as upper-case hex, of the password
 * upper-cased first (TOTVS's documented rule, the default) or as typed (what some installations need).
 */
public enum PasswordRule {
    UPPER("upper"),
    AS_TYPED("asTyped");

    private final String configName;

    PasswordRule(String configName) {
        this.configName = configName;
    }

    public String senha(String password) {
        String plain = this == UPPER ? password.toUpperCase(Locale.ROOT) : password;
        return md5UpperHex(plain);
    }

    public PasswordRule other() {
        return this == UPPER ? AS_TYPED : UPPER;
    }

    public static String md5UpperHex(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("MD5").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().withUpperCase().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("MD5 is required by every JVM", e);
        }
    }

    @Override
    public String toString() {
        return configName;
    }
}
