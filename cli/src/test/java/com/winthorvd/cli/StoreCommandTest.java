package com.winthorvd.cli;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.testkit.sim.StoreSimulator;
import com.winthorvd.shared.order.OrderIntakeService;
import com.winthorvd.shared.store.RateLimits;
import com.winthorvd.shared.util.MutableClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class StoreCommandTest {
    private final StoreSimulator store = new StoreSimulator(RepoRoot.find(), MutableClock.at("2026-11-30T12:00:00Z"));
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final Map<String, String> env = Map.of("HOOK_SECRET", "s3cr3t-from-the-stack", "STORE_APP_TOKEN", StoreSimulator.APP_TOKEN);

    @AfterEach
    void stop() {
        store.close();
    }

    private int install(String url, String... extra) {
        String[] base = {"store", "hook", "install", "--url", url, "--secret-from", "HOOK_SECRET", "--store-url", store.url(),
                "--app-key", StoreSimulator.APP_KEY};
        String[] argv = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(extra)).toArray(String[]::new);
        return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), env);
    }

    @Test
    void installsTheHookWithTheSecretHeaderAndNeverReplacesAnotherUrlWithoutForce() {
        assertEquals(0, install("https://abc.execute-api.sa-east-1.amazonaws.com/Prod/orders/hook"));
        var hook = store.client(RateLimits.defaults()).hook().orElseThrow();
        assertEquals("https://abc.execute-api.sa-east-1.amazonaws.com/Prod/orders/hook", hook.url());
        assertEquals("s3cr3t-from-the-stack", hook.headers().get(OrderIntakeService.SECRET_HEADER));
        assertEquals(java.util.List.of("ready-for-handling", "canceled"), hook.states());
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("s3cr3t"), "the secret is never printed");

        assertEquals(1, install("https://other.example.com/hook"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--force"), out.toString(StandardCharsets.UTF_8));
        assertEquals("https://abc.execute-api.sa-east-1.amazonaws.com/Prod/orders/hook", store.client(RateLimits.defaults()).hook().orElseThrow().url());

        assertEquals(0, install("https://other.example.com/hook", "--force", "--states", "ready-for-handling"));
        assertEquals("https://other.example.com/hook", store.client(RateLimits.defaults()).hook().orElseThrow().url());
    }

    @Test
    void aMissingSecretVariableIsAUsageError() {
        String[] argv = {"store", "hook", "install", "--url", "https://x/orders/hook", "--secret-from", "NOT_SET", "--store-url", store.url(),
                "--app-key", StoreSimulator.APP_KEY};
        assertEquals(2, Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(out, true, StandardCharsets.UTF_8), env));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("NOT_SET is not set"), out.toString(StandardCharsets.UTF_8));
    }
}
