package com.winthorvd.shared.price;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.store.StorePort.FixedPrice;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * The layout of a SKU's price item ({@code PRICE#<sku>}): per store price table, the version and hash last applied
 * ({@code v:<table>}, {@code h:<table>}), the outcome ({@code s:<table>}, with {@code r:<table>} and {@code p:<table>} the reason
 * and its parameters when not published) and the fixed prices in the store ({@code f:<table>}), from which a base price PUT, which replaces every
 * fixed price of the SKU, is given the complete set.
 */
public final class PriceState {
    private static final String FIXED = "f:";

    private PriceState() {
    }

    public static String version(String table) {
        return "v:" + table;
    }

    public static String hash(String table) {
        return "h:" + table;
    }

    public static String status(String table) {
        return "s:" + table;
    }

    public static String reason(String table) {
        return "r:" + table;
    }

    public static String params(String table) {
        return "p:" + table;
    }

    public static String fixed(String table) {
        return FIXED + table;
    }

    public static AttributeValue write(List<FixedPrice> prices) {
        ArrayNode array = Json.MAPPER.createArrayNode();
        for (FixedPrice price : prices) {
            ObjectNode node = array.addObject();
            node.put("value", price.value().toPlainString()); // as text: its scale survives
            node.put("minQuantity", price.minQuantity());
            node.put("from", price.from() == null ? null : price.from().toString());
            node.put("to", price.to() == null ? null : price.to().toString());
        }
        return AttributeValue.fromS(Json.write(array));
    }

    /** Every table's fixed prices recorded on the item, except those of {@code exceptTables}. */
    public static List<FixedPrice> fixedPrices(Item item, java.util.Set<String> exceptTables) {
        List<FixedPrice> prices = new ArrayList<>();
        for (Map.Entry<String, AttributeValue> attribute : item.attributes().entrySet()) {
            String name = attribute.getKey();
            if (!name.startsWith(FIXED) || attribute.getValue().s() == null || exceptTables.contains(name.substring(FIXED.length()))) {
                continue;
            }
            String table = name.substring(FIXED.length());
            for (JsonNode node : Json.read(attribute.getValue().s())) {
                prices.add(new FixedPrice(table, new java.math.BigDecimal(node.get("value").asText()), node.get("minQuantity").asInt(),
                        instant(node.get("from")), instant(node.get("to"))));
            }
        }
        return prices;
    }

    private static Instant instant(JsonNode node) {
        return node == null || node.isNull() ? null : Instant.parse(node.asText());
    }
}
