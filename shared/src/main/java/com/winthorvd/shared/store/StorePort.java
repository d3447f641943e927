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

    // ---- customers -----------------------------------------------------------------------------------------

    /**
     * A B2B customer profile. Its {@code id} is derived from CNPJ/CPF and state inscription ({@link #customerId}), so
     * writing it is an upsert and never a search-then-create (the store's search is eventually consistent).
     */
    record CustomerProfile(String id, String document, String stateInscription, String corporateName, String tradeName,
                           String email, String phone, boolean approved, String priceTable, long erpCustomerId) {
    }

    record CustomerAddress(String id, String customerId, String street, String number, String complement,
                           String neighborhood, String city, String state, String postalCode) {
    }

    static String customerId(String document, String stateInscription) {
        // Hashed: this id is stored in the state table and shows in URLs and logs, where a CNPJ/CPF must not (LGPD).
        return "wvd-" + com.winthorvd.shared.util.Hash.of(document.replaceAll("\\D", "") + "-"
                + stateInscription.replaceAll("[^0-9A-Za-z]", "").toUpperCase(java.util.Locale.ROOT));
    }

    void putCustomer(CustomerProfile customer);

    Optional<CustomerProfile> customer(String id);

    void putAddress(CustomerAddress address);

    // ---- orders --------------------------------------------------------------------------------------------

    /** One order line; money in cents as the store keeps it. {@code totalCents} is the line's final price. */
    record OrderLine(String skuId, String reference, int quantity, int unitMultiplier, long sellingPriceCents,
                     long totalCents, String warehouseId) {
    }

    record StoreOrder(String orderId, String status, String paymentSystem, long itemsCents, long discountsCents,
                      long shippingCents, long totalCents, Buyer buyer, List<OrderLine> lines, List<String> invoiceNumbers) {
    }

    /**
     * Who bought, as the order's client profile tells it (CNPJ for a company, else CPF; state inscription as typed),
     * with the shipping address: what WinThor needs to register a buyer it does not know.
     */
    record Buyer(String document, String stateInscription, boolean corporate, String name, String tradeName, String email,
                 String phone, CustomerAddress address) {
    }

    /** A change of an order's status as the store's feed tells it; {@code handle} acknowledges it. */
    record OrderEvent(String handle, String orderId, String state, String lastState, String lastChange) {
    }

    record InvoiceLine(String skuId, int quantity, long priceCents) {
    }

    /** An outgoing invoice (NF-e): number, series, 44-digit access key, issue time, value and invoiced lines. */
    record Invoice(String number, String series, String accessKey, Instant issuedAt, long valueCents, List<InvoiceLine> lines) {
    }

    /** Where and for which states the store calls our webhook, and the headers it sends (the shared secret). */
    record HookConfig(String url, List<String> states, java.util.Map<String, String> headers) {
    }

    Optional<StoreOrder> order(String orderId);

    /** Up to {@code max} unacknowledged status changes; they come back until {@link #acknowledge}d. */
    List<OrderEvent> orderEvents(int max);

    void acknowledge(List<String> handles);

    void startHandling(String orderId);

    void invoice(String orderId, Invoice invoice);

    void cancel(String orderId, String reason);

    Optional<HookConfig> hook();

    void configureHook(HookConfig hook);
}
