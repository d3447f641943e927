package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A price of one SKU in one branch and price region (price/list with multiRegionPrice). The offer applies between
 * its dates; the wholesale price applies from {@code wholesaleMinQuantity} units. Money is BigDecimal, never double.
 */
public record PriceItem(String skuKey, long productId, String branchId, String regionId, BigDecimal price,
                        BigDecimal offerPrice, LocalDateTime offerStart, LocalDateTime offerEnd,
                        BigDecimal wholesalePrice, BigDecimal wholesaleMinQuantity) {

    public static PriceItem from(JsonNode node) {
        String sku = WtaFields.text(node, "productSKUERPReferenceKey", "skuId", "erpReferenceKey");
        Long product = WtaFields.number(node, "productId");
        if (product == null && sku != null && sku.contains("-")) {
            product = Long.parseLong(sku.substring(sku.lastIndexOf('-') + 1));
        }
        return new PriceItem(sku, product == null ? 0 : product, WtaFields.text(node, "branchId"),
                WtaFields.text(node, "priceRegion", "regionId"), WtaFields.decimal(node, "price"),
                WtaFields.decimal(node, "offerPrice"), WtaFields.date(node, "offerStartDate"), WtaFields.date(node, "offerEndDate"),
                WtaFields.decimal(node, "wholesalePrice"), WtaFields.decimal(node, "wholesaleMinimumQuantity", "qtMinimaAtacado"));
    }
}
