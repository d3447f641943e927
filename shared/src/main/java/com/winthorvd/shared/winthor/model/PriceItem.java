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

    /**
     * The SKU key "codauxiliar-codprod": {@code productSKUERPReferenceKey} or {@code skuId}, else {@code productId} when
     * it is that string (as in WinThor's sibling stock and discount services), else an {@code erpReferenceKey} holding
     * one (in the price feed it is the bare CODPROD). Null when none gives it.
     */
    static String skuKeyOf(JsonNode node) {
        for (String name : new String[] {"productSKUERPReferenceKey", "skuId", "productId", "erpReferenceKey"}) {
            String text = WtaFields.text(node, name);
            if (text != null && text.matches(".+-\\d+")) {
                return text;
            }
        }
        return null;
    }

    /**
     * @param branchId the branch the row was asked for, when the row does not say (its branchId is unattested)
     * @throws IllegalArgumentException when the row names no SKU ({@link #skuKeyOf}) or a field is malformed
     */
    public static PriceItem from(JsonNode node, String branchId) {
        String sku = skuKeyOf(node);
        if (sku == null) {
            throw new IllegalArgumentException("productId " + WtaFields.text(node, "productId") + ", productSKUERPReferenceKey "
                    + WtaFields.text(node, "productSKUERPReferenceKey") + ", erpReferenceKey " + WtaFields.text(node, "erpReferenceKey"));
        }
        long product = Long.parseLong(sku.substring(sku.lastIndexOf('-') + 1));
        String branch = WtaFields.text(node, "branchId");
        return new PriceItem(sku, product, branch == null ? branchId : branch,
                WtaFields.text(node, "priceRegion", "regionId"), WtaFields.decimal(node, "price"),
                WtaFields.decimal(node, "offerPrice"), WtaFields.date(node, "offerStartDate"), WtaFields.date(node, "offerEndDate"),
                WtaFields.decimal(node, "wholesalePrice"), WtaFields.decimal(node, "wholesaleMinimumQuantity", "qtMinimaAtacado"));
    }
}
