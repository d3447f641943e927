package com.winthorvd.cli;

import com.winthorvd.testkit.stack.RepoRoot;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.sim.Fault;
import com.winthorvd.testkit.sim.StoreSimulator;
import com.winthorvd.testkit.sim.WinThorSimulator;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.WtaService;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class CheckCommandTest {
    private static final String PASSWORD = "Abc";
    private WinThorSimulator sim;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeEach
    void start() {
        sim = new WinThorSimulator(MutableClock.at("2026-11-30T12:00:00Z")).user("INTEGRACAO", PASSWORD)
                .branch("1", "MATRIZ").branch("2", "FILIAL");
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private int check(Map<String, String> env, String... extra) {
        String[] base = {"check", "--winthor-url", sim.url(), "--user", "INTEGRACAO", "--branches", "1,2"};
        String[] argv = new String[base.length + extra.length];
        System.arraycopy(base, 0, argv, 0, base.length);
        System.arraycopy(extra, 0, argv, base.length, extra.length);
        return Main.run(argv, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8), env);
    }

    private String text() {
        return out.toString(StandardCharsets.UTF_8);
    }

    private JsonNode json() {
        return Json.read(text());
    }

    private JsonNode service(JsonNode report, WtaService service) {
        for (JsonNode s : report.get("services")) {
            if (s.get("name").asText().equals(service.serviceName)) {
                return s;
            }
        }
        throw new AssertionError("no " + service.serviceName + " in " + report);
    }

    @Test
    void aHealthyWinThorIsReady() {
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD)));
        assertTrue(text().contains("RESULT: ready"), text());
        for (WtaService service : WtaService.REQUIRED) {
            assertTrue(text().contains(service.serviceName), text());
        }
        assertFalse(text().contains(PASSWORD + "\n"));
        assertFalse(text().contains(PasswordRule.UPPER.senha(PASSWORD)), "never prints the hash");
    }

    @Test
    void reportsEachServiceWithItsProbeTimeAndVersionAsJson() {
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        JsonNode report = json();
        assertTrue(report.get("ok").asBoolean());
        JsonNode stock = service(report, WtaService.STOCK);
        assertTrue(stock.get("online").asBoolean());
        assertEquals("GET /api/stock-vtex/v1/health", stock.get("probe").asText());
        assertEquals("1.0.13", stock.get("installedVersion").asText());
        assertEquals("1.0.14", stock.get("availableVersion").asText());
        JsonNode gateway = service(report, WtaService.GATEWAY);
        // The simulator, like a WTA without the unverified session check, answers /autenticacao/v1/logado with 404.
        assertTrue(gateway.get("online").asBoolean(), "an accepted login proves the gateway online: " + gateway);
        assertEquals("POST /winthor/autenticacao/v1/login", gateway.get("probe").asText());
        assertEquals("required for invoices; not in the installation guide's list",
                service(report, WtaService.FISCAL).get("note").asText());
        assertEquals(0, report.get("branches").get("missing").size());
        assertFalse(text().contains("accessToken"), "the token never leaves the check");
    }

    /** The demo distributor in the simulator, and one order typed in WinThor, so every feed has records. */
    private void withDemoData() {
        com.winthorvd.testkit.data.DemoData.generate(sim.data(), 30, 7);
        var customer = sim.data().customers.all().get(0);
        sim.orders().invoice(sim.orders().createInErp("1", customer.id(), sim.data().packagings.all().get(0).skuKey(),
                java.math.BigDecimal.ONE), Map.of(), true);
    }

    private static JsonNode endpoint(JsonNode report, String name) {
        for (JsonNode e : report.get("conformance").get("endpoints")) {
            if (e.get("endpoint").asText().equals(name)) {
                return e;
            }
        }
        throw new AssertionError("no " + name + " in " + report.get("conformance"));
    }

    @Test
    void theConformanceCheckFindsEveryFeedAsTheClientReadsItAndSaysWhichVariantItTook() {
        withDemoData();
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--conformance", "--json"), text());
        JsonNode report = json();
        for (JsonNode e : report.get("conformance").get("endpoints")) {
            assertEquals("CONFORMANT", e.get("verdict").asText(), e.toString());
        }
        JsonNode ean = null;
        for (JsonNode f : endpoint(report, "packagings").get("fields")) {
            ean = f.get("field").asText().equals("EAN") ? f : ean;
        }
        assertEquals("barCode", ean.get("variant").asText());
        assertEquals("no ean field: the EAN is taken from CODAUXILIAR (barCode)", ean.get("meaning").asText());
        assertTrue(endpoint(report, "categories").toString().contains("section.department.id"));
        assertTrue(endpoint(report, "prices").toString().contains("the SKU is the string productId"));
    }

    @Test
    void aWtaThatLeavesOutAFieldTheFlowsNeedIsNamedWithWhatItAffectsAndFailsTheCheck() {
        withDemoData();
        for (String field : java.util.List.of("realHeight", "height", "Height")) {
            sim.withoutField("/api/purchases/v1/skus/", field);
        }
        sim.withoutField("/api/wholesale/v1/customer/list", "blocked");
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--conformance"), text());
        assertTrue(text().contains("packagings   MISSING_REQUIRED"), text());
        assertTrue(text().contains("height: ABSENT - none of [realHeight, height, Height]: every SKU is rejected MISSING_DIMENSIONS (routine 2014)"),
                text());
        assertTrue(text().contains("customers    DEGRADED"), text());
        assertTrue(text().contains("blocked: ABSENT - none of [blocked]: every customer counts as not blocked (approved in the store)"), text());
        assertTrue(text().contains("RESULT: not ready"), text());
    }

    @Test
    void samplesAreWrittenWithEveryDocumentEmailPhoneAndNameMasked(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
            throws java.io.IOException {
        withDemoData();
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--conformance", "--save-samples", dir.toString()), text());
        String customer = java.nio.file.Files.readString(dir.resolve("customers.json"));
        JsonNode sample = Json.read(customer);
        assertEquals("***", sample.get("personIdentificationNumber").asText());
        assertEquals("***", sample.get("email").asText());
        assertEquals("***", sample.get("name").asText());
        for (var c : sim.data().customers.all()) {
            assertFalse(customer.contains(c.document()) || c.email() != null && customer.contains(c.email()), customer);
        }
        assertTrue(java.nio.file.Files.exists(dir.resolve("packagings.json")));
    }

    @Test
    void aPartlyOfflineWinThorNamesTheServiceAndWhereToFixIt() {
        sim.online(WtaService.STOCK, false);
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        JsonNode report = json();
        assertFalse(report.get("ok").asBoolean());
        JsonNode stock = service(report, WtaService.STOCK);
        assertFalse(stock.get("online").asBoolean());
        assertEquals("authenticated GET /api/stock-vtex/v1/available/list", stock.get("probe").asText(),
                "the health probe failed, so the authenticated call decided");
        assertTrue(stock.get("detail").asText().contains("routine 801"), stock.toString());
        assertTrue(service(report, WtaService.ORDERS).get("online").asBoolean());
    }

    @Test
    void theFiscalServiceThatGivesTheInvoicesIsChecked() {
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        JsonNode fiscal = service(json(), WtaService.FISCAL);
        assertTrue(fiscal.get("online").asBoolean(), fiscal.toString());
        assertEquals("authenticated GET /winthor/fiscal/v1/documentosfiscais/nfe/invoiceDocument", fiscal.get("probe").asText());
        sim.online(WtaService.FISCAL, false);
        out.reset();
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        assertFalse(service(json(), WtaService.FISCAL).get("online").asBoolean(), "no NF-e, no invoice in the store: not ready");
    }

    @Test
    void aServiceWithoutHealthEndpointIsJudgedByAnAuthenticatedCall() {
        sim.faults().always("GET " + WtaService.ORDERS.healthPath, Fault.of(Fault.Kind.UNAUTHORIZED));
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        JsonNode orders = service(json(), WtaService.ORDERS);
        assertTrue(orders.get("online").asBoolean());
        assertEquals("authenticated GET /api/wholesale/v1/customer/list", orders.get("probe").asText());
    }

    @Test
    void aGatewayAnsweringHtmlPagesIsNotReady() {
        sim.faults().always("*", Fault.of(Fault.Kind.HTML_200));
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", PASSWORD)));
        assertTrue(text().contains("RESULT: not ready"), text());
        assertTrue(text().contains("login      FAILED"), text());
        assertTrue(text().contains("instead of JSON"), text());
    }

    @Test
    void whenOnePasswordRuleIsRefusedItTriesTheOtherAndSaysWhichWorks() {
        sim.passwordRule(PasswordRule.AS_TYPED);
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json"));
        JsonNode login = json().get("login");
        assertEquals("asTyped", login.get("rule").asText());
        assertTrue(login.get("message").asText().contains("WINTHOR_PASSWORD_CASE=asTyped"), login.toString());
    }

    @Test
    void acceptsTheMd5ThatTheTotvsGuideTellsImplementersToMake() {
        assertEquals(0, check(Map.of("WINTHOR_PASSWORD_MD5", PasswordRule.UPPER.senha(PASSWORD).toLowerCase())));
    }

    @Test
    void aWrongPasswordFailsWithBothRulesNamed() {
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", "wrong"), "--json"));
        JsonNode login = json().get("login");
        assertFalse(login.get("ok").asBoolean());
        assertTrue(login.get("message").asText().contains("upper, asTyped"), login.toString());
    }

    @Test
    void aMissingBranchFailsTheCheck() {
        assertEquals(1, check(Map.of("WINTHOR_PASSWORD", PASSWORD), "--json", "--branches", "1,9"));
        assertEquals("9", json().get("branches").get("missing").get(0).asText());
    }

    @Test
    void aMissingPasswordIsAUsageError() {
        assertEquals(2, check(Map.of()));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("WINTHOR_PASSWORD"));
    }

    @Test
    void reportsEachBranchWarehouseMissingFromTheStore() {
        try (StoreSimulator store = new StoreSimulator(RepoRoot.find(), MutableClock.at("2026-11-30T12:00:00Z"))) {
            store.warehouse("filial1", "Matriz");
            store.warehouse("cd-sul", "CD Sul");
            Map<String, String> env = Map.of("WINTHOR_PASSWORD", PASSWORD, "STORE_APP_TOKEN", StoreSimulator.APP_TOKEN);
            assertEquals(1, check(env, "--store-url", store.url(), "--app-key", StoreSimulator.APP_KEY));
            assertTrue(text().contains("warehouse filial2") && text().contains("MISSING"), text());
            out.reset();
            assertEquals(0, check(env, "--store-url", store.url(), "--app-key", StoreSimulator.APP_KEY, "--warehouses", "2=cd-sul", "--json"));
            JsonNode report = json();
            assertTrue(report.get("ok").asBoolean(), report.toString());
            assertEquals("cd-sul", report.get("store").get("warehouses").get(1).get("warehouse").asText());
            assertFalse(text().contains(StoreSimulator.APP_TOKEN), "never prints the AppToken");
        }
    }
}
