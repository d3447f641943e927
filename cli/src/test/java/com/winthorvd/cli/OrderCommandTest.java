package com.winthorvd.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.testkit.e2e.OrderWorldTest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@code order show} and {@code order retry} on a rejected store order, against the state of a local stack. */
class OrderCommandTest extends OrderWorldTest {

    @Test
    void aRejectedOrderIsShownWithItsReasonAndRetriedOnceTheCustomerExists() {
        Customer customer = syncedCustomer();
        String document = "52998224725";
        Buyer withoutAddress = new Buyer(document, null, false, "Novo Cliente", null, "novo@cliente.com.br", null, null);
        String id = world.store.orders().place(withoutAddress, PAYMENT, List.of(line(syncedPackaging(1), 1, 990)), 1500, 0);
        push();
        assertEquals(List.of(id, "endereço de entrega com CEP"), state(id).list("params"), "unknown to WinThor and not registrable");
        Map<String, String> env = new java.util.HashMap<>(world.aws.runtimeEnv());
        java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
        java.io.PrintStream print = new java.io.PrintStream(out, true, java.nio.charset.StandardCharsets.UTF_8);
        String table = world.table.tableName();
        assertEquals(0, Main.run(new String[] {"order", "show", id, "--table", table, "--json"}, print, print, env));
        JsonNode shown = com.winthorvd.shared.json.Json.read(out.toString(java.nio.charset.StandardCharsets.UTF_8));
        assertEquals("REJECTED", shown.get("status").asText());
        assertEquals("302", shown.get("routine").asText());
        assertTrue(shown.get("message").asText().contains("rotina 302"), shown.toString());

        world.winthor.data().customers.put(new Customer(990_002, "NOVO CLIENTE", "NOVO", document, "ISENTO", "F", "novo@cliente.com.br",
                null, customer.sellerId(), customer.activityId(), customer.regionId(), "1", true, false, List.of(), customer.lastChange()));
        assertEquals(0, Main.run(new String[] {"order", "retry", id, "--table", table, "--queue-url",
                world.deployment.queueUrl("OrderQueue")}, print, print, env));
        push();
        assertEquals("HANDLING_STARTED", state(id).string("status").orElseThrow());
        assertEquals(990_002, erpOrdersOf(id).get(0).path("customer").path("id").asLong());
        assertEquals(1, Main.run(new String[] {"order", "retry", id, "--table", table, "--queue-url",
                world.deployment.queueUrl("OrderQueue")}, print, print, env), "only a REJECTED order is retried");
    }
}
