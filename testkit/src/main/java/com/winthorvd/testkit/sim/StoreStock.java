package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The store simulator's Logistics (warehouses, inventory) and Pricing (base and fixed prices), destructive rules included. */
final class StoreStock {
    private static final Pattern INVENTORY = Pattern.compile("/api/logistics/pvt/inventory/skus/([^/]+)/warehouses/([^/]+)");
    private static final Pattern INVENTORY_OF_SKU = Pattern.compile("/api/logistics/pvt/inventory/skus/([^/]+)");
    private static final Pattern PRICE = Pattern.compile("/pricing/prices/([^/]+)");
    private static final Pattern FIXED = Pattern.compile("/pricing/prices/([^/]+)/fixed/([^/]+)");

    private StoreStock() {
    }

    /** The reply, or null when the path is not a Logistics or Pricing operation served here. */
    static StoreSimulator.Reply route(StoreSimulator store, String method, String path, JsonNode body) {
        Matcher m;
        if (path.equals("/api/logistics/pvt/configuration/warehouses")) {
            if (method.equals("GET")) {
                // Reading answers the docks in their short form (dockId, time, cost as a number), as VTEX does.
                ArrayNode out = StoreSimulator.array();
                store.warehouses.values().forEach(w -> {
                    ObjectNode copy = w.deepCopy();
                    ArrayNode docks = copy.putArray("warehouseDocks");
                    for (JsonNode dock : w.path("warehouseDocks")) {
                        docks.addObject().put("dockId", dock.path("dockId").asText()).put("time", dock.path("time").asText())
                                .put("cost", new java.math.BigDecimal(dock.path("cost").asText("0")));
                    }
                    out.add(copy);
                });
                return StoreSimulator.Reply.ok(out);
            }
            if (body == null || body.path("id").asText("").isBlank()) {
                return StoreSimulator.Reply.error(400, "id is required");
            }
            store.warehouses.put(body.get("id").asText(), (ObjectNode) body.deepCopy());
            return new StoreSimulator.Reply(200, null, Map.of());
        }
        if ((m = INVENTORY.matcher(path)).matches() && method.equals("PUT")) {
            long sku = Long.parseLong(m.group(1));
            String warehouse = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            if (!store.skus.containsKey(sku) || !store.warehouses.containsKey(warehouse)) {
                return StoreSimulator.Reply.error(404, "SKU " + sku + " or warehouse " + warehouse + " not found");
            }
            ObjectNode level = StoreSimulator.object();
            // VTEX's rule, reproduced: a PUT without quantity sets the stock to 0, and still answers 200.
            level.put("quantity", body == null ? 0 : body.path("quantity").asLong(0));
            level.put("unlimitedQuantity", body != null && body.path("unlimitedQuantity").asBoolean(false));
            level.put("leadTime", body == null ? "00:00:00" : body.path("leadTime").asText("00:00:00"));
            store.inventory.put(sku + "@" + warehouse, level);
            return new StoreSimulator.Reply(200, null, Map.of());
        }
        if ((m = INVENTORY_OF_SKU.matcher(path)).matches() && method.equals("GET")) {
            long sku = Long.parseLong(m.group(1));
            ObjectNode out = StoreSimulator.object();
            out.put("skuId", Long.toString(sku));
            ArrayNode balance = out.putArray("balance");
            store.warehouses.keySet().stream().sorted().forEach(warehouse -> {
                ObjectNode level = store.inventory.get(sku + "@" + warehouse);
                if (level != null) {
                    ObjectNode b = balance.addObject();
                    b.put("warehouseId", warehouse);
                    b.put("warehouseName", store.warehouses.get(warehouse).path("name").asText());
                    b.put("totalQuantity", level.path("quantity").asLong());
                    b.put("reservedQuantity", 0);
                    b.put("hasUnlimitedQuantity", level.path("unlimitedQuantity").asBoolean());
                    b.put("leadTime", level.path("leadTime").asText());
                }
            });
            return StoreSimulator.Reply.ok(out);
        }
        if ((m = FIXED.matcher(path)).matches()) {
            long sku = Long.parseLong(m.group(1));
            String table = java.net.URLDecoder.decode(m.group(2), java.nio.charset.StandardCharsets.UTF_8);
            if (method.equals("POST")) {
                if (!store.skus.containsKey(sku)) {
                    return StoreSimulator.Reply.error(404, "SKU " + sku + " not found");
                }
                if (body == null || !body.isArray()) {
                    return StoreSimulator.Reply.error(400, "a list of fixed prices is expected");
                }
                ObjectNode price = store.prices.computeIfAbsent(sku, s -> emptyPrice(s));
                ArrayNode kept = StoreSimulator.array();
                for (JsonNode fixed : price.withArray("fixedPrices")) {
                    if (!table.equals(fixed.path("tradePolicyId").asText())) {
                        kept.add(fixed);
                    }
                }
                for (JsonNode fixed : body) {
                    ObjectNode copy = fixed.deepCopy();
                    copy.put("tradePolicyId", table);
                    if (!copy.has("listPrice")) {
                        copy.set("listPrice", copy.get("value"));
                    }
                    kept.add(copy);
                }
                price.set("fixedPrices", kept);
                return new StoreSimulator.Reply(200, null, Map.of());
            }
            return null;
        }
        if ((m = PRICE.matcher(path)).matches()) {
            long sku = Long.parseLong(m.group(1));
            if (method.equals("GET")) {
                ObjectNode price = store.prices.get(sku);
                return price == null ? StoreSimulator.Reply.error(404, "Price of SKU " + sku + " not found") : StoreSimulator.Reply.ok(price);
            }
            if (method.equals("PUT")) {
                if (!store.skus.containsKey(sku)) {
                    return StoreSimulator.Reply.error(404, "SKU " + sku + " not found");
                }
                if (body == null) {
                    return StoreSimulator.Reply.error(400, "body required");
                }
                ObjectNode price = emptyPrice(sku);
                price.set("basePrice", body.path("basePrice"));
                price.set("costPrice", body.has("costPrice") ? body.get("costPrice") : body.path("basePrice"));
                price.set("listPrice", body.has("listPrice") ? body.get("listPrice") : body.path("basePrice"));
                // VTEX's rule, reproduced: a PUT replaces every fixed price of the SKU with the ones it carries.
                ArrayNode fixedPrices = body.has("fixedPrices") ? body.get("fixedPrices").deepCopy() : StoreSimulator.array();
                fixedPrices.forEach(f -> {
                    if (!f.has("listPrice")) {
                        ((ObjectNode) f).set("listPrice", f.get("value"));
                    }
                });
                price.set("fixedPrices", fixedPrices);
                store.prices.put(sku, price);
                return new StoreSimulator.Reply(200, null, Map.of());
            }
        }
        return null;
    }

    private static ObjectNode emptyPrice(long sku) {
        ObjectNode price = StoreSimulator.object();
        price.put("itemId", Long.toString(sku));
        price.put("listPrice", 0);
        price.put("costPrice", 0);
        price.put("markup", 0);
        price.put("basePrice", 0);
        price.set("fixedPrices", StoreSimulator.array());
        return price;
    }

}
