package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * Available stock of one SKU in one branch (winthor-estoque-vtex). {@code quantity} is in units unless the feed was
 * asked per packaging; {@code unitMultiplier} is QTUNIT; {@code unlimited} is EXIBESEMESTOQUEECOMMERCE.
 */
public record StockItem(String skuKey, String branchId, BigDecimal quantity, int unitMultiplier, boolean unlimited,
                        LocalDateTime lastChange) {

    public static StockItem from(JsonNode node) {
        BigDecimal quantity = WtaFields.decimal(node, "quantity");
        return new StockItem(WtaFields.text(node, "productId", "skuId"), WtaFields.text(node, "warehouseBranchId", "branchId"),
                quantity == null ? BigDecimal.ZERO : quantity, WtaFields.units(node, "unitMultiplier"),
                WtaFields.flag(node, false, "unlimitedQuantity"), WtaFields.date(node, "lastChange"));
    }
}
