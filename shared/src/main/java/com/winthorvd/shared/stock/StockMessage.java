package com.winthorvd.shared.stock;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;

/**
 * One inventory to set: a SKU's packs in a branch's warehouse. {@code version} is WinThor's lastChange (or the scan's
 * start when it gave none): an older value never overwrites a newer one.
 */
public record StockMessage(String sku, String branch, String warehouse, long storeSkuId, long quantity, boolean unlimited, long version) {

    public String toJson() {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("sku", sku);
        node.put("branch", branch);
        node.put("warehouse", warehouse);
        node.put("storeSkuId", storeSkuId);
        node.put("quantity", quantity);
        node.put("unlimited", unlimited);
        node.put("version", version);
        return Json.write(node);
    }

    public static StockMessage parse(String body) {
        JsonNode node = Json.read(body);
        for (String field : new String[] {"sku", "branch", "warehouse", "storeSkuId", "quantity", "version"}) {
            if (!node.hasNonNull(field)) {
                throw new IllegalArgumentException("stock message without \"" + field + "\"");
            }
        }
        return new StockMessage(node.get("sku").asText(), node.get("branch").asText(), node.get("warehouse").asText(),
                node.get("storeSkuId").asLong(), node.get("quantity").asLong(), node.path("unlimited").asBoolean(false),
                node.get("version").asLong());
    }
}
