package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

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

    /**
     * SnapStart restores every container from one snapshot of an initialised handler: one TokenProvider object, two
     * "restored" containers. The first's lease lapses while its login hangs and the second takes the lease; when the
     * first's login returns it must neither store its token nor release the second's lease: no shared owner.
     */
    @Test
    void twoContainersRestoredFromOneSnapshotNeverShareALeaseOwner() throws Exception {
        StateTable table = new StateTable(world.aws.dynamo(), world.table.tableName(), Sleeper.REAL);
        table.deleteIf(com.winthorvd.shared.state.Keys.token("winthor"), com.winthorvd.shared.state.Keys.ONE,
                com.winthorvd.shared.state.Condition.of("attribute_exists(pk)"));
        List<CountDownLatch> inLogin = List.of(new CountDownLatch(1), new CountDownLatch(1));
        List<CountDownLatch> answer = List.of(new CountDownLatch(1), new CountDownLatch(1));
        java.util.concurrent.atomic.AtomicInteger logins = new java.util.concurrent.atomic.AtomicInteger();
        TokenProvider snapshot = new TokenProvider(new TokenStore(table), () -> {
            int n = logins.getAndIncrement();
            inLogin.get(n).countDown();
            try {
                answer.get(n).await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return "token-" + (n + 1);
        }, world.clock, Sleeper.REAL, Duration.ofHours(2));
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            Future<String> first = pool.submit(snapshot::token);
            inLogin.get(0).await();
            String firstOwner = leaseOwner(table);
            world.clock.advance(Duration.ofMinutes(1)); // past the first's login lease
            Future<String> second = pool.submit(snapshot::token);
            inLogin.get(1).await();
            String secondOwner = leaseOwner(table);
            assertNotEquals(firstOwner, secondOwner, "one object, restored twice: two owners");
            answer.get(0).countDown();
            assertEquals("token-1", first.get());
            assertEquals(secondOwner, leaseOwner(table), "the first container did not release the second's lease");
            assertEquals(java.util.Optional.empty(), new TokenStore(table).read().map(t -> t.token()),
                    "nor stored its token over the second's login");
            answer.get(1).countDown();
            assertEquals("token-2", second.get());
            assertEquals("token-2", new TokenStore(table).read().orElseThrow().token());
        } finally {
            pool.shutdownNow();
        }
    }

    private static String leaseOwner(StateTable table) {
        return table.get(com.winthorvd.shared.state.Keys.token("winthor"), com.winthorvd.shared.state.Keys.ONE, StateTable.Read.CONSISTENT)
                .flatMap(item -> item.string("leaseOwner")).orElse(null);
    }
}
