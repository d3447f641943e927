package com.winthorvd.testkit;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.Keys;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Packaging;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Orders as buyers place them in the store simulator, pushed through the runner, and what WinThor made of them: shared by
 * the demo, the order benchmark and the end-to-end tests.
 */
public final class OrderDriver {
    public static final String PUSH = "OrderPushFunction";

    private final Map<String, Long> storeSkuIds = new HashMap<>();
    private final Map<String, Integer> unitsPerPack = new HashMap<>();

    /** Reads the store's SKU ids and each SKU's units per pack (the catalog branch's packaging) once. */
    public OrderDriver(LocalWorld world) {
        CatalogDriver.byRef(world.store.skus()).forEach((ref, sku) -> storeSkuIds.put(ref, sku.path("Id").asLong()));
        for (Packaging p : world.winthor.data().packagings.all()) {
            if (p.branchId().equals("1")) {
                unitsPerPack.put(p.skuKey(), p.unitsPerPack());
            }
        }
    }

    public boolean inStore(String skuKey) {
        return storeSkuIds.containsKey(skuKey);
    }

    public int unitsPerPack(String skuKey) {
        return unitsPerPack.getOrDefault(skuKey, 1);
    }

    /** A line of {@code packs} packs of the SKU at {@code sellingCents} a pack, from the branch's warehouse. */
    public StoreOrders.Line line(String skuKey, int packs, long sellingCents, String branch) {
        return new StoreOrders.Line(Long.toString(storeSkuIds.get(skuKey)), skuKey, packs, unitsPerPack(skuKey), sellingCents + 100,
                sellingCents, "filial" + branch);
    }

    /** The store profile of a WinThor customer: its CNPJ/CPF, inscription, name and e-mail, and a delivery address. */
    public static Buyer buyerOf(Customer customer) {
        Buyer profile = StoreOrders.buyer(customer.document(), customer.email());
        return new Buyer(customer.document(), customer.stateInscription(), profile.corporate(), customer.name(), customer.tradeName(),
                customer.email(), customer.phone(), profile.address());
    }

    public static void push(LocalWorld world, Duration maxTime) {
        world.runner.drain(PUSH, maxTime);
    }

    public static Optional<Item> state(LocalWorld world, String storeOrderId) {
        return world.table.get(Keys.order(storeOrderId), Keys.ONE, StateTable.Read.CONSISTENT);
    }

    /** WinThor's orders (PCPEDC with PCPEDI items, as the WTA answers them) by the store order id they carry. */
    public static Map<String, List<JsonNode>> erpOrders(LocalWorld world) {
        return world.winthor.data().orderRecords().stream().filter(o -> o.hasNonNull("orderIdMktplace"))
                .collect(Collectors.groupingBy(o -> o.get("orderIdMktplace").asText()));
    }

    /**
     * What a store order must be in WinThor: the buyer's customer (or, for a buyer the push registers, the buyer's
     * CNPJ/CPF), the branch of its warehouse and the units of each SKU (packs x QTUNIT).
     */
    public record Expected(Long customerId, String document, String branch, Map<String, Long> units) {
        /** What is wrong with WinThor's orders for it, or null when there is exactly one and it is right. */
        public String mismatch(LocalWorld world, List<JsonNode> inErp) {
            if (inErp.size() != 1) {
                return inErp.size() + " WinThor orders";
            }
            JsonNode order = inErp.get(0);
            Customer customer = world.winthor.data().customers.get(order.path("customer").path("id").asText());
            if (customer == null || (customerId != null ? customer.id() != customerId : !customer.document().equals(document))) {
                return "WinThor customer " + order.path("customer").path("id").asText();
            }
            if (!order.path("branchId").asText().equals(branch)) {
                return "branch " + order.path("branchId").asText() + ", expected " + branch;
            }
            Map<String, Long> found = OrderDriver.units(order);
            return found.equals(units) ? null : "items " + found + ", expected " + units;
        }
    }

    /** A WinThor order's units by SKU key ("codauxiliar-codprod"). */
    public static Map<String, Long> units(JsonNode erpOrder) {
        Map<String, Long> units = new LinkedHashMap<>();
        erpOrder.path("listOfOrderItem").forEach(item -> units.put(item.path("productSKUERPReferenceKey").asText(),
                item.path("quantity").decimalValue().longValueExact()));
        return units;
    }
}
