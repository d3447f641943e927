package com.winthorvd.testkit.sim;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.util.MutableClock;
import com.winthorvd.shared.winthor.PasswordRule;
import com.winthorvd.shared.winthor.TokenSource;
import com.winthorvd.shared.winthor.WinThorApiException;
import com.winthorvd.shared.winthor.WinThorAuthException;
import com.winthorvd.shared.winthor.WinThorClient;
import com.winthorvd.shared.winthor.WinThorConnectionException;
import com.winthorvd.shared.winthor.WinThorGatewayException;
import com.winthorvd.shared.winthor.WinThorHttp;
import com.winthorvd.shared.winthor.WinThorLogin;
import com.winthorvd.shared.winthor.WinThorTimeoutException;
import java.net.URI;
import java.time.Duration;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class WinThorClientTest {
    private static final String DEPARTMENTS = "/api/purchases/v1/productDepartments";

    private final MutableClock clock = MutableClock.at("2026-11-30T12:00:00Z");
    private WinThorSimulator sim;
    private WinThorHttp http;
    private CountingTokens tokens;
    private WinThorClient client;

    /** Logs in when it has no token; forgets a refused one. */
    private static final class CountingTokens implements TokenSource {
        private final WinThorLogin login;
        private String current;

        CountingTokens(WinThorLogin login) {
            this.login = login;
        }

        @Override
        public synchronized String token() {
            if (current == null) {
                current = login.login("INTEGRACAO", PasswordRule.UPPER.senha("Abc"));
            }
            return current;
        }

        @Override
        public synchronized void rejected(String token) {
            if (token.equals(current)) {
                current = null;
            }
        }
    }

    @BeforeEach
    void start() {
        sim = new WinThorSimulator(clock).user("INTEGRACAO", "Abc");
        sim.department(1, "ALIMENTOS", true, LocalDateTime.of(2026, 11, 1, 8, 0));
        http = new WinThorHttp(URI.create(sim.url()), Duration.ofSeconds(2), Duration.ofMillis(800), null);
        tokens = new CountingTokens(new WinThorLogin(http));
        client = new WinThorClient(http, tokens);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    @Test
    void aGetRefusedWithAnExpiredTokenLogsInAgainAndRetriesOnce() {
        client.get(DEPARTMENTS, Map.of());
        clock.advance(Duration.ofHours(3)); // the token expired on WinThor's side
        JsonNode page = client.get(DEPARTMENTS, Map.of());
        assertEquals(1, page.path("items").size());
        assertEquals(2, sim.logins());
        assertEquals(3, sim.requests("GET " + DEPARTMENTS), "first call, refused call, retry");
    }

    @Test
    void aGetRefusedTwiceFailsWithTheAuthError() {
        sim.faults().next("GET " + DEPARTMENTS, Fault.of(Fault.Kind.UNAUTHORIZED), 2);
        WinThorAuthException e = assertThrows(WinThorAuthException.class, () -> client.get(DEPARTMENTS, Map.of()));
        assertEquals(401, e.status());
        assertTrue(e.isTransient());
        assertEquals(2, sim.requests("GET " + DEPARTMENTS));
    }

    @Test
    void aPostRefusedIsNeverRetriedButTheTokenIsDropped() {
        sim.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.UNAUTHORIZED), 1);
        String before = tokens.token();
        assertThrows(WinThorAuthException.class, () -> client.post("/api/wholesale/v1/orders/", Map.of("branchId", "1")));
        assertEquals(1, sim.requests("POST /api/wholesale/v1/orders/"));
        assertFalse(before.equals(tokens.token()), "the refused token is not used again");
    }

    @Test
    void anHtmlPageWithHttp200IsAGatewayErrorNeverParsed() {
        sim.faults().next("GET " + DEPARTMENTS, Fault.of(Fault.Kind.HTML_200), 1);
        WinThorGatewayException e = assertThrows(WinThorGatewayException.class, () -> client.get(DEPARTMENTS, Map.of()));
        assertEquals(200, e.status());
        assertTrue(e.getMessage().contains("GET " + DEPARTMENTS), e.getMessage());
        assertTrue(e.getMessage().contains("HTTP ERROR 500"), e.getMessage());
        assertFalse(e.getMessage().contains("<html"), "markup is not copied into the error");
        assertTrue(e.isTransient());
    }

    @Test
    void aPageThatCannotProveTheListEndedCarriesItsAnomaly() {
        for (int id = 2; id <= 25; id++) {
            sim.department(id, "D" + id, true, LocalDateTime.of(2026, 11, 2, 8, 0));
        }
        WinThorClient.Page normal = client.page(DEPARTMENTS, Map.of(), 1, 10);
        assertTrue(normal.hasNext());
        assertEquals(null, normal.anomaly());

        sim.faults().next("GET " + DEPARTMENTS, Fault.of(Fault.Kind.EMPTY_PAGE), 1);
        WinThorClient.Page empty = client.page(DEPARTMENTS, Map.of(), 2, 10);
        assertFalse(empty.hasNext(), "an empty page still ends the list, so no caller loops");
        assertTrue(empty.anomaly().contains("empty while saying more pages follow"), empty.anomaly());

        sim.faults().next("GET " + DEPARTMENTS, Fault.of(Fault.Kind.BARE_ARRAY), 2);
        WinThorClient.Page bareWhole = client.page(DEPARTMENTS, Map.of(), 1, 10);
        assertEquals(10, bareWhole.items().size());
        assertFalse(bareWhole.hasNext());
        assertTrue(bareWhole.anomaly().contains("bare list of 10 items"), bareWhole.anomaly());
        WinThorClient.Page bareShort = client.page(DEPARTMENTS, Map.of(), 3, 10);
        assertEquals(5, bareShort.items().size());
        assertEquals(null, bareShort.anomaly(), "a bare list shorter than a page is the list's end");
    }

    @Test
    void pagesLazilyAcrossSeveralPages() {
        for (int id = 2; id <= 1234; id++) {
            sim.department(id, "D" + id, true, LocalDateTime.of(2026, 11, 2, 8, 0));
        }
        Iterator<JsonNode> items = client.list(DEPARTMENTS, Map.of(), 500);
        assertTrue(items.hasNext());
        assertEquals(1, sim.requests("GET " + DEPARTMENTS), "only the first page is read before it is needed");
        List<Long> ids = new ArrayList<>();
        items.forEachRemaining(item -> ids.add(item.get("id").asLong()));
        assertEquals(1234, ids.size());
        assertEquals(1234, ids.stream().distinct().count());
        assertEquals(1L, ids.get(0));
        assertEquals(1234L, ids.get(1233));
        assertEquals(3, sim.requests("GET " + DEPARTMENTS));
    }

    @Test
    void filtersByLastChangeOnWinThorsClock() {
        sim.department(2, "NOVO", true, LocalDateTime.of(2026, 11, 20, 10, 0));
        List<JsonNode> changed = new ArrayList<>();
        client.list(DEPARTMENTS, Map.of("lastChange", "2026-11-15T00:00:00"), 50).forEachRemaining(changed::add);
        assertEquals(1, changed.size());
        assertEquals(2, changed.get(0).get("id").asInt());
    }

    @Test
    void aMissingRequiredParameterIsA400WithWinThorsMessage() {
        WinThorApiException e = assertThrows(WinThorApiException.class,
                () -> client.get("/api/stock-vtex/v1/available/list", Map.of()));
        assertEquals(400, e.status());
        assertEquals("O parâmetro branchId é obrigatório", e.apiMessage());
        assertFalse(e.isTransient());
    }

    @Test
    void a500CarriesMessageAndDetailedMessage() {
        sim.faults().next("GET " + DEPARTMENTS, Fault.of(Fault.Kind.HTTP_500), 1);
        WinThorApiException e = assertThrows(WinThorApiException.class, () -> client.get(DEPARTMENTS, Map.of()));
        assertEquals(500, e.status());
        assertEquals("Erro interno no servidor", e.apiMessage());
        assertTrue(e.detailedMessage().contains("NullPointerException"));
        assertTrue(e.isTransient());
    }

    @Test
    void aSlowAnswerIsATimeoutNamingTheUrlButNoToken() {
        String token = tokens.token();
        sim.faults().next("GET " + DEPARTMENTS, Fault.slow(Duration.ofSeconds(3)), 1);
        WinThorTimeoutException e = assertThrows(WinThorTimeoutException.class, () -> client.get(DEPARTMENTS, Map.of()));
        assertTrue(e.getMessage().contains(sim.url() + DEPARTMENTS), e.getMessage());
        assertFalse(e.getMessage().contains(token));
        assertTrue(e.isTransient());
    }

    @Test
    void aResetConnectionIsAConnectionError() {
        tokens.token();
        // java.net.http quietly retries an idempotent GET once on a closed connection, so reset every attempt.
        sim.faults().always("GET " + DEPARTMENTS, Fault.of(Fault.Kind.RESET));
        WinThorConnectionException e = assertThrows(WinThorConnectionException.class, () -> client.get(DEPARTMENTS, Map.of()));
        assertTrue(e.isTransient());
    }

    @Test
    void aResetPostIsReportedNotResent() {
        tokens.token();
        sim.faults().next("POST /api/wholesale/v1/orders/", Fault.of(Fault.Kind.RESET), 1);
        assertThrows(WinThorConnectionException.class, () -> client.post("/api/wholesale/v1/orders/", Map.of("branchId", "1")));
        assertEquals(1, sim.requests("POST /api/wholesale/v1/orders/"), "the outcome is unknown: the caller decides");
    }

    @Test
    void aWrongPasswordIsARefusedLoginNotATransientError() {
        WinThorLogin login = new WinThorLogin(http);
        WinThorAuthException e = assertThrows(WinThorAuthException.class,
                () -> login.login("INTEGRACAO", PasswordRule.UPPER.senha("wrong")));
        assertTrue(e.loginRefused());
        assertFalse(e.isTransient());
        assertTrue(e.getMessage().contains("Usuário ou senha inválidos"), e.getMessage());
    }

    @Test
    void theSimulatorEnforcesItsPasswordRule() {
        sim.passwordRule(PasswordRule.AS_TYPED);
        WinThorLogin login = new WinThorLogin(http);
        assertThrows(WinThorAuthException.class, () -> login.login("INTEGRACAO", PasswordRule.UPPER.senha("Abc")));
        assertFalse(login.login("INTEGRACAO", PasswordRule.AS_TYPED.senha("Abc")).isBlank());
        assertThrows(WinThorAuthException.class, () -> login.login("INTEGRACAO", PasswordRule.AS_TYPED.senha("Abc").toLowerCase()),
                "lower-case hex is refused");
    }
}
