package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.token.TokenProvider;
import com.winthorvd.shared.token.TokenStore;
import com.winthorvd.shared.util.Sleeper;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Twenty containers, each with its own TokenProvider, against one state table (dynalite, no lock in front of it) and WinThor. */
class TokenProviderRaceTest {
    private static final int CONTAINERS = 20;
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = TestAws.world();
    }

    @AfterAll
    static void stop() {
        if (world != null) { // null when the LocalStack profile was skipped
            world.close();
        }
    }

    private List<TokenProvider> containers() {
        WinThorHttp http = new WinThorHttp(URI.create(world.winthor.url()), Duration.ofSeconds(2), Duration.ofSeconds(10), null);
        WinThorLogin login = new WinThorLogin(http);
        List<TokenProvider> providers = new ArrayList<>();
        for (int i = 0; i < CONTAINERS; i++) {
            // Each container builds its own SDK-backed table object, as separate Lambdas would.
            StateTable table = new StateTable(world.aws.dynamo(), world.table.tableName(), Sleeper.REAL);
            providers.add(new TokenProvider(new TokenStore(table),
                    () -> login.login(LocalWorld.USER, PasswordRule.UPPER.senha(LocalWorld.PASSWORD)),
                    world.clock, Sleeper.REAL, Duration.ofHours(2)));
        }
        return providers;
    }

    private static List<String> race(List<TokenProvider> providers, java.util.function.Function<TokenProvider, String> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(CONTAINERS);
        try {
            CountDownLatch go = new CountDownLatch(1);
            List<Future<String>> results = new ArrayList<>();
            for (TokenProvider provider : providers) {
                Callable<String> task = () -> {
                    go.await();
                    return call.apply(provider);
                };
                results.add(pool.submit(task));
            }
            go.countDown();
            List<String> tokens = new ArrayList<>();
            for (Future<String> result : results) {
                tokens.add(result.get());
            }
            return tokens;
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void twentyContainersFindingTheTokenExpiredMakeExactlyOneLogin() throws Exception {
        List<TokenProvider> providers = containers();
        String first = providers.get(0).token();
        int before = world.winthor.logins();
        race(providers, TokenProvider::token); // every container now holds the token in memory
        assertEquals(before, world.winthor.logins(), "a stored, valid token is shared, not renewed");

        world.clock.advance(Duration.ofHours(2)); // expired, in memory and in the table
        List<String> tokens = race(providers, TokenProvider::token);
        assertEquals(before + 1, world.winthor.logins(), "exactly one login for twenty containers");
        assertEquals(1, tokens.stream().distinct().count(), "all twenty use the one new token");
        assertEquals(false, tokens.get(0).equals(first));
    }

    @Test
    void aRefusedTokenSeenByTwentyContainersCausesOneLogin() throws Exception {
        List<TokenProvider> providers = containers();
        String shared = race(providers, TokenProvider::token).get(0);
        int before = world.winthor.logins();
        world.winthor.revokeAllTokens(); // a WTA restart: every container's next call gets a 401

        List<String> after = race(providers, provider -> {
            WinThorClient client = new WinThorClient(new WinThorHttp(URI.create(world.winthor.url()),
                    Duration.ofSeconds(2), Duration.ofSeconds(10), null), provider);
            client.get("/api/purchases/v1/productDepartments", Map.of()); // 401 -> rejected -> token() -> retry
            return provider.token();
        });
        assertEquals(before + 1, world.winthor.logins(), "one 401 in twenty containers causes one login, not twenty");
        assertEquals(1, after.stream().distinct().count());
        assertEquals(false, after.get(0).equals(shared));
    }
}
