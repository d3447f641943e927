package com.winthorvd.shared.store;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * What the flows need from the B2B store, in the integration's own terms: no VTEX paths, ids-in-cents or document
 * names leak through here (the adapter {@link VtexStore} owns those). Lookups by natural key exist so a crash between
 * a create and the state write never makes a duplicate.
 */
public interface StorePort {

    // ---- catalog -------------------------------------------------------------------------------------------

    /** A category at level 1 (parent null), 2 or 3 of the store's tree. */
    record CategoryInput(String name, Long parentId, boolean active) {
    }

    /** A brand; {@code id} is chosen by us (the WinThor CODMARCA): the store requires it on create, and it is the lookup key. */
    record BrandInput(long id, String name, boolean active) {
    }

    /** A product; {@code reference} is its natural key (the WinThor CODPROD). */
    record ProductInput(String reference, String name, String description, long categoryId, long brandId,
                        boolean active, boolean visible, boolean showWithoutStock) {
    }

    /**
     * A SKU; {@code reference} is "codauxiliar-codprod", {@code unitMultiplier} QTUNIT. A SKU without an image stays
     * inactive in the store: it is created with "activate if possible".
     */
    record SkuInput(long productId, String reference, String name, int unitMultiplier, String measurementUnit,
                    BigDecimal heightCm, BigDecimal widthCm, BigDecimal lengthCm, BigDecimal weightKg, boolean active) {
    }

    /** A category by name under its parent (null for a department), the store's natural key for it. */
    Optional<Long> findCategory(String name, Long parentId);

    long createCategory(CategoryInput category);

    void updateCategory(long id, CategoryInput category);

    boolean brandExists(long id);

    void createBrand(BrandInput brand);

    void updateBrand(BrandInput brand);

    Optional<Long> findProduct(String reference);

    long createProduct(ProductInput product);

    void updateProduct(long id, ProductInput product);

    /** Makes the product sellable in a sales channel (trade policy). */
    void addToSalesChannel(long productId, String salesChannel);

    Optional<Long> findSku(String reference);

    long createSku(SkuInput sku);

    void updateSku(long id, SkuInput sku);

    void addBarcode(long skuId, String ean);

    // ---- stock ---------------------------------------------------------------------------------------------

    record Warehouse(String id, String name) {
    }

    record Inventory(long quantity, boolean unlimited, Duration leadTime) {
    }

    List<Warehouse> warehouses();

    /** Creates a warehouse (only ever against the simulator; a real store's warehouses are set up by its owner). */
    void createWarehouse(Warehouse warehouse);

    /** Sets a SKU's stock in a warehouse: always the quantity, unlimited flag and lead time together. */
    void setInventory(long skuId, String warehouseId, Inventory inventory);

    Optional<Inventory> inventory(long skuId, String warehouseId);

    // ---- prices --------------------------------------------------------------------------------------------

    /** A price for one price table from a minimum quantity, optionally within dates (an offer). */
    record FixedPrice(String priceTable, BigDecimal value, int minQuantity, Instant from, Instant to) {
    }

    record Price(BigDecimal basePrice, List<FixedPrice> fixedPrices) {
    }

    /**
     * Sets the base price. The store replaces every fixed price of the SKU on this call, so the complete set to keep
     * is passed along (an empty list removes them all).
     */
    void setBasePrice(long skuId, BigDecimal basePrice, List<FixedPrice> keepFixedPrices);

    /** Creates or updates the fixed prices of one price table, leaving other tables untouched. */
    void setFixedPrices(long skuId, String priceTable, List<FixedPrice> prices);

    Optional<Price> price(long skuId);
}
