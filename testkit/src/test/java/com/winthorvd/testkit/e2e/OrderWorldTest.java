package com.winthorvd.testkit.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.CatalogDriver;
import com.winthorvd.testkit.OrderDriver;
import com.winthorvd.testkit.data.Manifest;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Packaging;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Assertions;
import org.junit.jupiter.api.BeforeEach;

/**
 * A local world with the demo catalog synced and the store's order hook installed, with the helpers that place store
 * orders and push them into the WinThor simulator through the real handlers (the order tests here and the CLI's).
 */
public abstract class OrderWorldTest extends WorldTest {
    protected static final String PUSH = OrderDriver.PUSH;
    protected static final String PAYMENT = "Boleto Bancário";

    @BeforeEach
    protected void startWorld() {
        world = TestAws.world(30, Map.of());
        List<Map<?, ?>> runs = CatalogDriver.sync(world, true);
        Assertions.assertEquals("COMPLETED", runs.get(runs.size() - 1).get("status"), "the catalog sync the order tests start from: " + runs);
        world.installHook(List.of("ready-for-handling", "canceled"));
    }

    protected Packaging syncedPackaging(int unitsPerPack) {
        return world.winthor.data().packagings.all().stream().filter(p -> p.branchId().equals("1") && p.unitsPerPack() == unitsPerPack)
                .filter(p -> world.manifest.expected("sku", p.skuKey()).outcome() == Manifest.Outcome.SYNCED).findFirst().orElseThrow();
    }

    protected Customer syncedCustomer() {
        return world.winthor.data().customers.all().stream().filter(c -> c.email() != null)
                .filter(c -> world.manifest.expected("customer", Long.toString(c.id())).outcome() == Manifest.Outcome.SYNCED)
                .findFirst().orElseThrow();
    }

    private OrderDriver driver;

    protected StoreOrders.Line line(Packaging packaging, int packs, long sellingCents) {
        if (driver == null) {
            driver = new OrderDriver(world); // the store's SKUs read once a test, after the catalog sync
        }
        return driver.line(packaging.skuKey(), packs, sellingCents, "1");
    }

    protected String place(Customer customer, String payment, List<StoreOrders.Line> lines, long discountCents) {
        return world.store.orders().place(OrderDriver.buyerOf(customer), payment, lines, 1500, discountCents);
    }

    protected void push() {
        OrderDriver.push(world, Duration.ofMinutes(3));
    }

    protected Item state(String orderId) {
        return OrderDriver.state(world, orderId).orElseThrow();
    }

    protected List<JsonNode> erpOrdersOf(String storeOrderId) {
        return OrderDriver.erpOrders(world).getOrDefault(storeOrderId, List.of());
    }
}
