package com.winthorvd.shared.catalog;

import java.util.Locale;

/**
 * The kinds of ERP record the catalog flow maps to the store, in dependency order (a parent before its children).
 * {@code label} is how a rejection names it to the implementer, in Portuguese.
 */
public enum CatalogEntity {
    DEPARTMENT("departamento", false),
    SECTION("seção", true),
    CATEGORY("categoria", true),
    BRAND("marca", true),
    PRODUCT("produto", false),
    SKU("embalagem", true),
    CUSTOMER("cliente", false);

    private final String label;
    private final boolean feminine;

    CatalogEntity(String label, boolean feminine) {
        this.label = label;
        this.feminine = feminine;
    }

    /** The name in state keys and messages: "department", "sku"... */
    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String label() {
        return label;
    }

    /** Whether its label is a feminine noun in Portuguese: what the words about it agree with ("integrada", "integrado"). */
    public boolean feminine() {
        return feminine;
    }

    public static CatalogEntity of(String id) {
        try {
            return valueOf(id.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException("unknown catalog entity '" + id + "'");
        }
    }
}
