package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.winthor.WtaService;
import com.winthorvd.testkit.LocalWorld;
import com.winthorvd.testkit.stack.LocalAlarms;
import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;

/**
 * The real HealthCheckHandler (routine 812 on a schedule) against the WinThor simulator: its SERVICE# items, its
 * version events, and its metrics read by the template's own alarms, evaluated as CloudWatch would.
 */
class HealthCheckHandlerTest {
    private final ByteArrayOutputStream functionOutput = new ByteArrayOutputStream();
    private PrintStream console;
    private LocalWorld world;
    private LocalAlarms alarms;

    @BeforeEach
    void start() {
        // The handler's log (and its metrics) is built on System.out when its container starts: the test reads both.
        console = System.out;
        System.setOut(new PrintStream(new OutputStream() {
            @Override
            public void write(int b) {
                console.write(b);
                functionOutput.write(b);
            }

            @Override
            public void write(byte[] b, int off, int len) {
                console.write(b, off, len);
                functionOutput.write(b, off, len);
            }
        }, true, StandardCharsets.UTF_8));
        world = TestAws.world();
        alarms = new LocalAlarms(world.deployment.template());
    }

    @AfterEach
    void stop() {
        System.setOut(console);
        if (world != null) {
            world.close();
        }
    }

    private Map<?, ?> check(ScheduledInput input) {
        return (Map<?, ?>) world.runner.invoke("HealthCheckFunction", input);
    }

    private Item service(String name) {
        return world.table.get(Keys.service(name), Keys.ONE, StateTable.Read.CONSISTENT).orElseThrow();
    }

    private boolean inAlarm(String alarm) {
        List<String> lines = List.of(functionOutput.toString(StandardCharsets.UTF_8).split("\n"));
        return alarms.evaluate(alarm, LocalAlarms.dataPoints(lines), world.clock.millis()).inAlarm();
    }

    @ParameterizedTest
    @Event(value = "../events/health-check-scheduled.json", type = ScheduledInput.class)
    void aServiceOfflineInTwoChecksInARowTripsItsAlarmAndIsShownUntilItIsBack(ScheduledInput input) {
        Map<?, ?> healthy = check(input);
        assertEquals(true, healthy.get("healthy"), healthy.toString());
        for (WtaService required : WtaService.REQUIRED) {
            Item item = service(required.serviceName);
            assertEquals("true", item.string("online").orElseThrow(), required.serviceName);
            assertTrue(item.string("version").orElseThrow().startsWith("1.0."), item.attributes().toString());
            assertEquals(world.clock.instant().toString(), item.string("checkedAt").orElseThrow());
            assertEquals(world.clock.instant().toString(), item.string("onlineSince").orElseThrow());
        }
        assertEquals("true", service(HealthService.STORE).string("online").orElseThrow());
        String firstOnline = world.clock.instant().toString();
        assertFalse(inAlarm("WtaServiceOfflineAlarm"));

        world.winthor.online(WtaService.ORDERS, false);
        world.clock.advance(Duration.ofMinutes(5));
        Map<?, ?> once = check(input);
        assertEquals(false, once.get("healthy"));
        assertEquals(1L, service(WtaService.ORDERS.serviceName).number("offlineChecks").orElseThrow());
        assertFalse(inAlarm("WtaServiceOfflineAlarm"), "one offline check is not yet an alarm");

        world.clock.advance(Duration.ofMinutes(5));
        check(input);
        Item down = service(WtaService.ORDERS.serviceName);
        assertEquals("false", down.string("online").orElseThrow());
        assertEquals(2L, down.number("offlineChecks").orElseThrow());
        assertFalse(down.string("onlineSince").isPresent());
        assertTrue(down.string("detail").orElseThrow().contains("winthor-pedido-venda"), down.attributes().toString());
        assertTrue(inAlarm("WtaServiceOfflineAlarm"), "two offline checks in a row");
        assertEquals(firstOnline, service(WtaService.STOCK.serviceName).string("onlineSince").orElseThrow(),
                "a service that stayed online keeps its online-since");

        world.winthor.online(WtaService.ORDERS, true);
        world.clock.advance(Duration.ofMinutes(5));
        check(input);
        assertEquals(world.clock.instant().toString(), service(WtaService.ORDERS.serviceName).string("onlineSince").orElseThrow());
        assertFalse(inAlarm("WtaServiceOfflineAlarm"), "back online: the last check is not breaching");
    }

    @ParameterizedTest
    @Event(value = "../events/health-check-scheduled.json", type = ScheduledInput.class)
    void anInstalledUpdateIsKeptAsAVersionEvent(ScheduledInput input) {
        check(input);
        String before = service(WtaService.STOCK.serviceName).string("version").orElseThrow();
        world.winthor.installed(WtaService.STOCK, "1.0.99");
        world.clock.advance(Duration.ofMinutes(5));
        check(input);
        assertEquals("1.0.99", service(WtaService.STOCK.serviceName).string("version").orElseThrow());
        List<Item> events = world.table.query(Keys.service(WtaService.STOCK.serviceName), "EVENT#", false, 10);
        assertEquals(1, events.size());
        assertEquals(before, events.get(0).string("from").orElseThrow());
        assertEquals("1.0.99", events.get(0).string("to").orElseThrow());
        assertEquals(0, world.table.query(Keys.service(WtaService.ORDERS.serviceName), "EVENT#", false, 10).size());
    }

    @ParameterizedTest
    @Event(value = "../events/health-check-scheduled.json", type = ScheduledInput.class)
    void aRefusedLoginTripsItsAlarmAndTheCheckStillRecordsEveryService(ScheduledInput input) {
        world.winthor.user(LocalWorld.USER, "another-password");
        Map<?, ?> refused = check(input);
        assertEquals(false, refused.get("healthy"));
        assertFalse("accepted".equals(refused.get("login")), refused.toString());
        assertTrue(inAlarm("WinThorLoginRefusedAlarm"));
        for (WtaService required : WtaService.REQUIRED) {
            assertTrue(service(required.serviceName).string("checkedAt").isPresent(), required.serviceName);
        }
        world.winthor.user(LocalWorld.USER, LocalWorld.PASSWORD);
        world.clock.advance(Duration.ofMinutes(5));
        assertEquals(true, check(input).get("healthy"), "the password put right: the next check logs in");
        assertFalse(inAlarm("WinThorLoginRefusedAlarm"));
    }

    @ParameterizedTest
    @Event(value = "../events/health-check-scheduled.json", type = ScheduledInput.class)
    void aSharedTokenRevokedSinceItWasStoredIsRenewedAndNoServiceReadsOffline(ScheduledInput input) {
        check(input);
        int logins = world.winthor.logins();
        world.winthor.revokeAllTokens();
        world.clock.advance(Duration.ofMinutes(5));
        Map<?, ?> after = check(input);
        assertEquals(true, after.get("healthy"), after.toString());
        assertEquals(logins + 1, world.winthor.logins(), "one new login for the revoked token");
        assertFalse(inAlarm("WtaServiceOfflineAlarm"));
        for (WtaService required : WtaService.REQUIRED) {
            assertFalse(service(required.serviceName).string("version").orElseThrow().equals("unknown"), required.serviceName);
        }
    }
}
