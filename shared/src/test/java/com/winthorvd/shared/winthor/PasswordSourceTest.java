package com.winthorvd.shared.winthor;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.config.ConfigException;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class PasswordSourceTest {

    private static PasswordSource read(Map<String, String> env, java.util.function.Function<String, String> secrets) {
        ConfigReader config = new ConfigReader(Env.of(env));
        PasswordSource source = PasswordSource.read(config, PasswordRule.UPPER, secrets);
        config.validate();
        return source;
    }

    @Test
    void readsThePlainSecretOnceAndHashesIt() {
        AtomicInteger reads = new AtomicInteger();
        PasswordSource source = read(Map.of("WINTHOR_PASSWORD_SECRET_ARN", "arn:secret"), arn -> {
            reads.incrementAndGet();
            return "Abc";
        });
        assertEquals(0, reads.get(), "no I/O before first use");
        assertEquals("902FBDD2B1DF0C4F70B4A5D23525E932", source.senha());
        assertEquals("902FBDD2B1DF0C4F70B4A5D23525E932", source.senha());
        assertEquals(1, reads.get());
    }

    @Test
    void acceptsJsonSecretsWithPasswordOrMd5() {
        assertEquals("902FBDD2B1DF0C4F70B4A5D23525E932",
                read(Map.of("WINTHOR_PASSWORD_SECRET_ARN", "a"), arn -> "{\"password\":\"Abc\"}").senha());
        assertEquals("35593B7CE5020EAE3CA68FD5B6F3E031",
                read(Map.of("WINTHOR_PASSWORD_SECRET_ARN", "a"), arn -> "{\"passwordMd5\":\"35593b7ce5020eae3ca68fd5b6f3e031\"}").senha());
    }

    @Test
    void takesTheMd5GivenDirectly() {
        assertEquals("35593B7CE5020EAE3CA68FD5B6F3E031",
                read(Map.of("WINTHOR_PASSWORD_MD5", "35593B7CE5020EAE3CA68FD5B6F3E031"), arn -> "").senha());
    }

    @Test
    void explainsAMissingOrMalformedPassword() {
        ConfigException missing = assertThrows(ConfigException.class, () -> read(Map.of(), arn -> ""));
        assertTrue(missing.getMessage().contains("WINTHOR_PASSWORD_SECRET_ARN"), missing.getMessage());
        ConfigException bad = assertThrows(ConfigException.class, () -> read(Map.of("WINTHOR_PASSWORD_MD5", "xyz"), arn -> ""));
        assertTrue(bad.getMessage().contains("32 hexadecimal"), bad.getMessage());
    }

    @Test
    void aLocalPasswordIsNeverReadAsJsonEvenWhenItLooksLikeIt() {
        assertEquals(PasswordRule.UPPER.senha("{abc}"), read(Map.of("WINTHOR_PASSWORD", "{abc}"), arn -> "").senha());
    }
}
