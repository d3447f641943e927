package com.winthorvd.testkit;

import com.winthorvd.testkit.data.DemoData;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.runner.LocalRunner;
import com.winthorvd.testkit.sim.StoreSimulator;
import com.winthorvd.testkit.sim.WinThorSimulator;
import com.winthorvd.testkit.stack.LocalAws;
import com.winthorvd.testkit.stack.LocalDeployment;
import com.winthorvd.testkit.stack.RepoRoot;
import com.winthorvd.testkit.stack.Template;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.util.Sleeper;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The whole integration on this machine: the local AWS (dynalite, ElasticMQ, Secrets Manager), template.yaml deployed on it under a
 * fresh stack name, the WinThor simulator, and the runner playing Lambda, all on one movable clock. The demo,
 * the end-to-end tests and the benchmarks start one of these.
 */
public final class LocalWorld implements AutoCloseable {
    public static final String USER = "INTEGRACAO";
    public static final String PASSWORD = "Integra@2026";
    public static final String BRANCHES = "1,2,3";
    public static final Duration LOCAL_MAX_VISIBILITY = Duration.ofSeconds(2);
    public static final int DEMO_PRODUCTS = 100;
    public static final long SEED = 20261130L;
    /** The demo distributor's payment table (OrderPayments): the store's payment systems -> CODCOB/CODPLPAG. */
    public static final String ORDER_PAYMENTS = "Boleto Bancário=BK/12,Pix=PIX/1";
    /**
     * The store budget of the local world (StoreRateLimits): far above the store's published limits, and a store
     * simulator without limits, so a test waits on its own work, not on production pacing. Tests and benchmarks about
     * pacing pass {@link #productionStoreRates()} or limits of their own: the simulator then enforces those same account
     * limits across all callers.
     */
    public static final String UNPACED_STORE_RATES =
            "catalog=5000,logistics=5000,pricing-read=5000,pricing-write=5000,master-data=5000,orders=5000";

    public final MutableClock clock;
    public final WinThorSimulator winthor;
    public final StoreSimulator store;
    public final LocalAws aws;
    public final LocalDeployment deployment;
    public final LocalRunner runner;
    public final StateTable table;
    /** What the generated demo data should become, record by record. */
    public final Manifest manifest;

    private LocalWorld(MutableClock clock, WinThorSimulator winthor, StoreSimulator store, Manifest manifest, LocalAws aws,
                       LocalDeployment deployment) {
        this.clock = clock;
        this.manifest = manifest;
        this.winthor = winthor;
        this.store = store;
        this.aws = aws;
        this.deployment = deployment;
        this.runner = new LocalRunner(deployment, clock);
        this.table = new StateTable(aws.dynamo(), deployment.physicalId("StateTable"), Sleeper.REAL);
    }

    public static LocalWorld start() {
        return start(LocalAws.shared());
    }

    /** The order hook's shared secret, as the stack generated it in Secrets Manager. */
    public String hookSecret() {
        return aws.secrets().getSecretValue(b -> b.secretId(deployment.physicalId("OrderHookSecret"))).secretString();
    }

    /** The webhook function's URL on the local API (API Gateway's part). */
    public String webhookUrl() {
        return runner.httpUrl() + "/orders/hook";
    }

    /** Points the store's order hook at the local API (the webhook function), with the stack's secret, for these states. */
    public String installHook(java.util.List<String> states) {
        String url = webhookUrl();
        store.client(com.winthorvd.shared.store.RateLimits.defaults()).configureHook(new com.winthorvd.shared.store.StorePort.HookConfig(
                url, states, Map.of(com.winthorvd.shared.order.OrderIntakeService.SECRET_HEADER, hookSecret())));
        return url;
    }

    public static LocalWorld start(LocalAws aws) {
        return start(aws, DEMO_PRODUCTS);
    }

    /** A world whose WinThor holds the generated distributor with this many products (seeded, deterministic). */
    public static LocalWorld start(LocalAws aws, int products) {
        return start(aws, products, Map.of());
    }

    /** As {@link #start(LocalAws, int)}, with template parameters of the test's own (a page size, a scope...). */
    public static LocalWorld start(LocalAws aws, int products, Map<String, String> extraParameters) {
        return start(aws, products, extraParameters, MutableClock.at("2026-11-30T12:00:00Z"), null, null);
    }

    /** A real WTA in place of the WinThor simulator; the password never comes from the command line. */
    public record RealWinThor(String url, String user, String branches, String password) {
    }

    /** A real store in place of the store simulator; the AppToken never comes from the command line. */
    public record RealStore(String url, String pricingUrl, String appKey, String appToken) {
    }

    /**
     * The world with either side real (null: simulated), on the given clock. With a real WTA there is no demo data and
     * no manifest; the store simulator then gets a warehouse {@code filial<branch>} for each configured branch.
     */
    public static LocalWorld start(LocalAws aws, int products, Map<String, String> extraParameters, MutableClock clock,
                                   RealWinThor realWinThor, RealStore realStore) {
        WinThorSimulator winthor = realWinThor != null ? null : new WinThorSimulator(clock).user(USER, PASSWORD);
        Manifest manifest = winthor == null ? null : DemoData.generate(winthor.data(), products, SEED);
        StoreSimulator store = realStore != null ? null : new StoreSimulator(RepoRoot.find(), clock);
        String branches = realWinThor != null ? realWinThor.branches() : BRANCHES;
        if (store != null) {
            for (String branch : branches.split(",")) {
                String name = winthor != null ? winthor.data().branches.get(branch) : "Filial " + branch.trim();
                store.warehouse("filial" + branch.trim(), name); // the stock flow's default warehouse names
            }
        }
        Map<String, String> parameters = new java.util.HashMap<>();
        parameters.put("WinThorUrl", realWinThor != null ? realWinThor.url() : winthor.url());
        parameters.put("WinThorUser", realWinThor != null ? realWinThor.user() : USER);
        parameters.put("WinThorBranches", branches);
        parameters.put("StoreUrl", realStore != null ? realStore.url() : store.url());
        parameters.put("StorePricingUrl", realStore != null ? realStore.pricingUrl() : store.pricingUrl());
        parameters.put("StoreAppKey", realStore != null ? realStore.appKey() : StoreSimulator.APP_KEY);
        if (winthor != null) {
            parameters.put("OrderPayments", ORDER_PAYMENTS);
        }
        parameters.putAll(extraParameters);
        if (realStore == null) {
            parameters.putIfAbsent("StoreRateLimits", UNPACED_STORE_RATES); // a real store keeps its production pace
            store.limitAccount(parameters.get("StoreRateLimits").equals(UNPACED_STORE_RATES) ? null : parameters.get("StoreRateLimits"));
        }
        return new LocalWorld(clock, winthor, store, manifest, aws, deploy(aws, parameters,
                realWinThor != null ? realWinThor.password() : PASSWORD, realStore != null ? realStore.appToken() : StoreSimulator.APP_TOKEN));
    }

    /** The store's production pace: template.yaml's default StoreRateLimits, for the runs that measure against it. */
    public static Map<String, String> productionStoreRates() {
        Object parameter = Template.load(RepoRoot.find().resolve("template.yaml")).parameters().get("StoreRateLimits");
        return Map.of("StoreRateLimits", String.valueOf(Template.map(parameter).get("Default")));
    }

    /** template.yaml deployed under a fresh stack name, with the secrets' values given. */
    private static LocalDeployment deploy(LocalAws aws, Map<String, String> given, String winthorPassword, String storeAppToken) {
        Map<String, String> parameters = new java.util.HashMap<>(given);
        // Locally a transiently failed message comes back within seconds, not the cloud's 30 s doubling to 15 min.
        parameters.putIfAbsent("RetryBackoffFirstSeconds", "1");
        parameters.putIfAbsent("RetryBackoffMaxSeconds", "2");
        parameters.putIfAbsent("WinThorAllowPlainHttp", "true"); // the simulators listen on 127.0.0.1, in clear
        Template template = Template.load(RepoRoot.find().resolve("template.yaml"));
        String stack = "wvd-" + UUID.randomUUID().toString().substring(0, 8);
        return LocalDeployment.deploy(aws, template, stack, parameters,
                Map.of("WinThorPasswordSecret", winthorPassword, "StoreAppTokenSecret", storeAppToken), LOCAL_MAX_VISIBILITY);
    }

    @Override
    public void close() {
        runner.close();
        if (winthor != null) {
            winthor.close();
        }
        if (store != null) {
            store.close();
        }
        // A denied DynamoDB call would fail the same way in AWS: a grant of the template is too narrow.
        List<String> denied = deployment.aws().gate().map(g -> g.denials(deployment.functionAccessKeys())).orElse(List.of());
        if (!denied.isEmpty()) {
            throw new IllegalStateException(denied.size() + " DynamoDB call(s) denied by the functions' template policies, first: " + denied.get(0));
        }
    }
}
