package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.token.TokenRefreshService;
import com.winthorvd.shared.winthor.WinThorAuthException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/** The real TokenRefreshHandler, built from its template entry, against the local AWS and the WinThor simulator. */
class TokenRefreshHandlerTest {
    private LocalWorld world;

    @BeforeEach
    void start() {
        world = TestAws.world();
    }

    @AfterEach
    void stop() {
        if (world != null) { // null when the LocalStack profile was skipped
            world.close();
        }
    }

    private Item storedToken() {
        return world.table.get(Keys.token("winthor"), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
    }

    @ParameterizedTest
    @Event(value = "../events/token-refresh-scheduled.json", type = ScheduledInput.class)
    void renewsAtThreeQuartersOfTheLifetimeAndRecordsEveryRun(ScheduledInput input) {
        assertEquals("token-refresh", input.getFlow());

        Map<?, ?> first = (Map<?, ?>) world.runner.invoke("TokenRefreshFunction", input);
        assertEquals("COMPLETED", first.get("status"));
        assertEquals(Map.of("token.renewed", 1L), first.get("counts"));
        assertEquals(1, world.winthor.logins());
        Item token = storedToken();
        long obtained = token.number("obtainedAt").orElseThrow();
        assertEquals(world.clock.instant().toEpochMilli(), obtained);
        assertEquals(obtained + Duration.ofHours(2).toMillis(), token.number("expiresAt").orElseThrow());

        world.clock.advance(Duration.ofMinutes(89));
        Map<?, ?> second = (Map<?, ?>) world.runner.invoke("TokenRefreshFunction", input);
        assertEquals(Map.of("token.still_valid", 1L), second.get("counts"));
        assertEquals(1, world.winthor.logins());

        world.clock.advance(Duration.ofMinutes(1)); // 90 min = 75% of 2 h
        Map<?, ?> third = (Map<?, ?>) world.runner.invoke("TokenRefreshFunction", input);
        assertEquals(Map.of("token.renewed", 1L), third.get("counts"));
        assertEquals(2, world.winthor.logins());

        List<RunRecord> runs = new RunLog(world.table, world.clock).recent(TokenRefreshService.FLOW, 10);
        assertEquals(3, runs.size());
        assertEquals(List.of("COMPLETED", "COMPLETED", "COMPLETED"), runs.stream().map(RunRecord::status).toList());
        assertEquals(Map.of("token.renewed", 1L), runs.get(0).counts(), "newest first");
    }

    @ParameterizedTest
    @Event(value = "../events/token-refresh-scheduled.json", type = ScheduledInput.class)
    void aRefusedLoginFailsTheInvocationAndIsRecordedWithItsReason(ScheduledInput input) {
        world.winthor.user(LocalWorld.USER, "a-new-password-nobody-told-us");
        WinThorAuthException e = assertThrows(WinThorAuthException.class,
                () -> world.runner.invoke("TokenRefreshFunction", input));
        assertTrue(e.loginRefused());
        RunRecord run = new RunLog(world.table, world.clock).recent(TokenRefreshService.FLOW, 1).get(0);
        assertEquals("FAILED", run.status());
        assertEquals(Map.of("token.failed", 1L), run.counts());
        assertTrue(run.errors().get(0).contains("login refused for user INTEGRACAO"), run.errors().toString());
        assertTrue(run.errors().get(0).contains("Usuário ou senha inválidos"), run.errors().toString());
    }
}
