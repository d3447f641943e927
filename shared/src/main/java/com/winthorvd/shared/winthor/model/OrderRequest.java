package com.winthorvd.shared.winthor.model;

import java.math.BigDecimal;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sales order to create (POST /api/wholesale/v1/orders/), in the WTA's field names (see winthor-wta.md §2.10).
 * Prices go as BigDecimal; {@code sellerId} null leaves the seller to WinThor's parameter 4012. No discountValue is
 * sent: its meaning (percent or amount) is unverified, so unit prices are net.
 */
public record OrderRequest(String branchId, long customerId, long paymentPlanId, String chargingId, int saleType,
                           Long sellerId, BigDecimal freightValue, boolean acceptOrderWithoutTax, String orderIdMktplace,
                           String observation, List<Item> items) {

    public record Item(String skuKey, BigDecimal quantity, BigDecimal sellPrice, String warehouseBranchId, int position) {
    }

    /** The JSON body. acceptOrderWithoutTax goes both inside permissions{} and at the top: its place is unverified. */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", branchId);
        body.put("customer", Map.of("id", customerId));
        body.put("paymentPlanId", paymentPlanId);
        body.put("chargingId", chargingId);
        body.put("saleType", saleType);
        if (sellerId != null) {
            body.put("seller", sellerId);
        }
        if (freightValue != null) {
            body.put("valueFreight", freightValue);
        }
        body.put("acceptOrderWithoutTax", acceptOrderWithoutTax);
        body.put("permissions", Map.of("acceptOrderWithoutTax", acceptOrderWithoutTax));
        body.put("orderIdMktplace", orderIdMktplace);
        body.put("observation", observation);
        body.put("listOfOrderItem", items.stream().map(item -> {
            Map<String, Object> line = new LinkedHashMap<>();
            line.put("productSKUERPReferenceKey", item.skuKey());
            line.put("quantity", item.quantity());
            line.put("sellPrice", item.sellPrice());
            line.put("warehouseBranchId", item.warehouseBranchId());
            line.put("position", item.position());
            return line;
        }).toList());
        return body;
    }
}
