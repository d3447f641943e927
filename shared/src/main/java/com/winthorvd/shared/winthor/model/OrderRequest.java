package com.winthorvd.shared.winthor.model;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A sales order to create (POST /api/wholesale/v1/orders/), in the WTA's field names (see winthor-wta.md §2.10).
 * Prices go as BigDecimal; {@code sellerId} null leaves the seller to WinThor's parameter 4012. No discountValue is
 * sent: its meaning (percent or amount) is unverified, so unit prices are net.
 */
public record OrderRequest(String branchId, long customerId, long paymentPlanId, String chargingId, int saleType,
                           String saleOrigin, LocalDateTime createData, Long sellerId, BigDecimal freightValue,
                           boolean acceptOrderWithoutTax, String orderIdMktplace, String observation, List<Item> items) {

    public record Item(String skuKey, BigDecimal quantity, BigDecimal sellPrice, String warehouseBranchId, int position) {
    }

    /**
     * What the order holds, as a text two orders of the same items share: each item's SKU, quantity and price to the
     * cent (WinThor may keep fewer decimals than were sent), sorted.
     */
    public String contents() {
        return contents(items.stream().map(item -> new String[] {item.skuKey(), number(item.quantity()), cents(item.sellPrice())}).toList());
    }

    static String contents(List<String[]> items) {
        return items.stream().map(item -> String.join(" x ", item[0], item[1]) + " @ " + item[2]).sorted()
                .collect(java.util.stream.Collectors.joining("; "));
    }

    static String number(BigDecimal value) {
        return value == null ? "?" : value.stripTrailingZeros().toPlainString();
    }

    static String cents(BigDecimal value) {
        return value == null ? "?" : value.setScale(2, RoundingMode.HALF_EVEN).toPlainString();
    }

    /** The order's total (VLTOTAL): every item's quantity times its price, plus the freight. */
    public BigDecimal total() {
        BigDecimal total = freightValue == null ? BigDecimal.ZERO : freightValue;
        for (Item item : items) {
            total = total.add(item.quantity().multiply(item.sellPrice()));
        }
        return total.setScale(2, RoundingMode.HALF_EVEN);
    }

    /**
     * The JSON body. acceptOrderWithoutTax goes both inside permissions{} and at the top: its place is unverified.
     * saleOrigin, createData and TotalPrice (capital T) are sent as every public sender sends them.
     */
    public Map<String, Object> body() {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("branchId", branchId);
        body.put("customer", Map.of("id", customerId));
        body.put("paymentPlanId", paymentPlanId);
        body.put("chargingId", chargingId);
        body.put("saleType", saleType);
        body.put("saleOrigin", saleOrigin);
        body.put("createData", WtaFields.format(createData));
        body.put("TotalPrice", total());
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
