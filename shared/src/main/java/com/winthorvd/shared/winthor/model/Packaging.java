package com.winthorvd.shared.winthor.model;

import com.fasterxml.jackson.databind.JsonNode;
import java.math.BigDecimal;
import java.time.LocalDateTime;

/**
 * A packaging (embalagem, PCEMBALAGEM): one store SKU. {@code unitsPerPack} is QTUNIT; the SKU key everywhere
 * is "codauxiliar-codprod". The EAN is the explicit {@code ean}/{@code gtin} field when there is one, else the auxiliary
 * code (TDN: the packaging's EAN is its CODAUXILIAR, routine 203), which the catalog rules check like any EAN.
 * {@code unitsPerPack} 0: QTUNIT is not a whole number of units ({@link WtaFields#units}).
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

    /** QTUNIT's names, in order of preference. */
    public static final String[] UNITS = {"unitMultiplier", "qtunit", "unitsPerPack"};

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
        String ean = WtaFields.text(node, "ean", "gtin");
        return new Packaging(auxiliary, product, WtaFields.text(node, "branchId"), WtaFields.text(node, "packing", "description"),
                WtaFields.text(node, "unit", "unity"), WtaFields.units(node, UNITS), ean == null ? auxiliary : ean,
                WtaFields.decimal(node, "realHeight", "height", "Height"), WtaFields.decimal(node, "realWidth", "width", "Width"),
                WtaFields.decimal(node, "realLength", "length", "Length"), WtaFields.decimal(node, "realWeightKg", "weightKg", "WeightKg"),
                WtaFields.flag(node, false, "soldByWeight", "weighable"), WtaFields.date(node, "lastChange"));
    }
}
