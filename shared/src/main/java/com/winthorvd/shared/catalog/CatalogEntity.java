package com.winthorvd.shared.catalog;

import java.util.Locale;

/**
 * The kinds of ERP record the catalog flow maps to the store, in dependency order (a parent before its children).
 * {@code label} is how a rejection names it to the implementer, in Portuguese.
 */
public enum CatalogEntity {
    DEPARTMENT("departamento"),
    SECTION("seção"),
    CATEGORY("categoria"),
    BRAND("marca"),
    PRODUCT("produto"),
    SKU("embalagem"),
    CUSTOMER("cliente");

    private final String label;

    CatalogEntity(String label) {
        this.label = label;
    }

    /** The name in state keys and messages: "department", "sku"... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    public static CatalogEntity of(String id) {
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown catalog entity '" + id + "'");
        }
    }
}
