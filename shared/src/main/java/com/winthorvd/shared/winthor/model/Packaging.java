package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A packaging (embalagem, PCEMBALAGEM): one store SKU. {@code unitsPerPack} is QTUNIT; the SKU key everywhere
 * is "codauxiliar-codprod". The EAN is the auxiliary code when it is a valid GTIN, else the explicit field.
 */
public record Packaging(String auxiliaryCode, long productId, String branchId, String description, String unit,
                        int unitsPerPack, String ean, BigDecimal heightCm, BigDecimal widthCm, BigDecimal lengthCm,
                        BigDecimal weightKg, boolean soldByWeight, LocalDateTime lastChange) {

    public String skuKey() {
        return auxiliaryCode + "-" + productId;
    }

    public static String skuKey(String auxiliaryCode, long productId) {
        return auxiliaryCode + "-" + productId;
    }

    /** A packaging's identity: its auxiliary code (CODAUXILIAR) and product (CODPROD). */
    public record Key(String auxiliaryCode, long productId) {
    }

    /** The identity from its own fields, or from a "codauxiliar-codprod" skuId; null when neither gives both. */
    public static Key keyOf(JsonNode node) {
        String key = WtaFields.text(node, "skuId", "id");
        String auxiliary = WtaFields.text(node, "barCode", "codauxiliar", "auxiliaryCode");
        Long product = WtaFields.number(node, "productId");
        if ((auxiliary == null || product == null) && key != null && key.contains("-")) {
            auxiliary = auxiliary == null ? key.substring(0, key.lastIndexOf('-')) : auxiliary;
            product = product == null ? Long.parseLong(key.substring(key.lastIndexOf('-') + 1)) : product;
        }
        return auxiliary == null || product == null ? null : new Key(auxiliary, product);
    }

    public static Packaging from(JsonNode node) {
        Key key = keyOf(node);
        if (key == null) {
            throw new IllegalArgumentException("packaging without auxiliary code or product: " + node);
        }
        String auxiliary = key.auxiliaryCode();
        long product = key.productId();
        Long units = WtaFields.number(node, "unitMultiplier", "qtunit", "unitsPerPack");
        return new Packaging(auxiliary, product, WtaFields.text(node, "branchId"), WtaFields.text(node, "packing", "description"),
                WtaFields.text(node, "unit", "unity"), units == null ? 1 : units.intValue(), WtaFields.text(node, "ean", "gtin"),
                WtaFields.decimal(node, "realHeight", "height"), WtaFields.decimal(node, "realWidth", "width"),
                WtaFields.decimal(node, "realLength", "length"), WtaFields.decimal(node, "realWeightKg", "weightKg"),
                WtaFields.flag(node, false, "soldByWeight", "weighable"), WtaFields.date(node, "lastChange"));
    }
}
