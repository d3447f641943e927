package com.winthorvd.shared.store;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.store.RateLimits.Group;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The store port over a VTEX-compatible API (Catalog, Logistics, Pricing): the only class that knows VTEX's paths,
 * field names, RefIds and number formats. Bodies carry every field the VTEX specs mark required.
 */
public final class VtexStore implements StorePort {
    private final VtexHttp http;

    public VtexStore(VtexHttp http) {
        this.http = http;
    }

    public VtexHttp http() {
        return http;
    }

    private JsonNode call(String operation, Group group, String method, String path, Object body, boolean idempotent) {
        return http.send(new VtexHttp.Call(operation, group, method, path, body, idempotent));
    }

    private Optional<JsonNode> find(String operation, Group group, String path) {
        try {
            JsonNode found = call(operation, group, "GET", path, null, true);
            return found.isNull() || found.isMissingNode() ? Optional.empty() : Optional.of(found);
        } catch (StoreException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }

    private static String encode(String text) {
        return java.net.URLEncoder.encode(text, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20");
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    @Override
    public Optional<Long> findCategory(String name, Long parentId) {
        JsonNode tree = call("category tree", Group.CATALOG, "GET", "/api/catalog_system/pub/category/tree/3", null, true);
        return findInTree(tree, name, parentId, null);
    }

    private static Optional<Long> findInTree(JsonNode nodes, String name, Long parentId, Long currentParent) {
        for (JsonNode node : nodes) {
            long id = node.path("id").asLong();
            if (java.util.Objects.equals(parentId, currentParent) && name.equalsIgnoreCase(node.path("name").asText())) {
                return Optional.of(id);
            }
            Optional<Long> below = findInTree(node.path("children"), name, parentId, id);
            if (below.isPresent()) {
                return below;
            }
        }
        return Optional.empty();
    }

    private static Map<String, Object> category(CategoryInput c) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", c.name());
        body.put("Keywords", c.name());
        body.put("Title", c.name());
        body.put("Description", c.name());
        body.put("AdWordsRemarketingCode", "");
        body.put("LomadeeCampaignCode", "");
        body.put("FatherCategoryId", c.parentId());
        body.put("GlobalCategoryId", 0);
        body.put("ShowInStoreFront", true);
        body.put("IsActive", c.active());
        body.put("ActiveStoreFrontLink", true);
        body.put("ShowBrandFilter", true);
        body.put("Score", 0);
        body.put("StockKeepingUnitSelectionMode", "SPECIFICATION");
        return body;
    }

    @Override
    public long createCategory(CategoryInput category) {
        return call("create category " + category.name(), Group.CATALOG, "POST", "/api/catalog/pvt/category",
                category(category), false).path("Id").asLong();
    }

    @Override
    public void updateCategory(long id, CategoryInput category) {
        call("update category " + id, Group.CATALOG, "PUT", "/api/catalog/pvt/category/" + id, category(category), true);
    }

    @Override
    public boolean brandExists(long id) {
        return find("brand " + id, Group.CATALOG, "/api/catalog/pvt/brand/" + id).isPresent();
    }

    private static Map<String, Object> brand(BrandInput b) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Id", b.id());
        body.put("Name", b.name());
        body.put("Active", b.active());
        body.put("MenuHome", false);
        return body;
    }

    @Override
    public void createBrand(BrandInput brand) {
        call("create brand " + brand.id(), Group.CATALOG, "POST", "/api/catalog/pvt/brand", brand(brand), false);
    }

    @Override
    public void updateBrand(BrandInput brand) {
        call("update brand " + brand.id(), Group.CATALOG, "PUT", "/api/catalog/pvt/brand/" + brand.id(), brand(brand), true);
    }

    @Override
    public Optional<Long> findProduct(String reference) {
        return find("product by RefId " + reference, Group.CATALOG,
                "/api/catalog_system/pvt/products/productgetbyrefid/" + encode(reference)).map(p -> p.path("Id").asLong());
    }

    private static Map<String, Object> product(ProductInput p) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("Name", p.name());
        body.put("CategoryId", p.categoryId());
        body.put("BrandId", p.brandId());
        body.put("RefId", p.reference());
        body.put("Title", p.name());
        body.put("Description", p.description() == null ? p.name() : p.description());
        body.put("IsVisible", p.visible());
        body.put("IsActive", p.active());
        body.put("ShowWithoutStock", p.showWithoutStock());
        return body;
    }

    @Override
    public long createProduct(ProductInput product) {
        return call("create product " + product.reference(), Group.CATALOG, "POST", "/api/catalog/pvt/product",
                product(product), false).path("Id").asLong();
    }

    @Override
    public void updateProduct(long id, ProductInput product) {
        call("update product " + product.reference(), Group.CATALOG, "PUT", "/api/catalog/pvt/product/" + id, product(product), true);
    }

    @Override
    public void addToSalesChannel(long productId, String salesChannel) {
        call("product " + productId + " to trade policy " + salesChannel, Group.CATALOG, "POST",
                "/api/catalog/pvt/product/" + productId + "/salespolicy/" + encode(salesChannel), null, true);
    }

    @Override
    public Optional<Long> findSku(String reference) {
        return find("SKU by RefId " + reference, Group.CATALOG,
                "/api/catalog_system/pvt/sku/stockkeepingunitidbyrefid/" + encode(reference)).map(id -> id.asLong());
    }

    private static Map<String, Object> sku(SkuInput s) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("ProductId", s.productId());
        body.put("Name", s.name());
        body.put("RefId", s.reference());
        body.put("IsActive", false); // the store activates it once it has an image
        body.put("ActivateIfPossible", s.active());
        body.put("UnitMultiplier", s.unitMultiplier());
        body.put("MeasurementUnit", s.measurementUnit());
        body.put("PackagedHeight", s.heightCm());
        body.put("PackagedWidth", s.widthCm());
        body.put("PackagedLength", s.lengthCm());
        // The spec types PackagedWeightKg as an integer: whole grams would lose the unit, so whole kilograms, rounded up.
        body.put("PackagedWeightKg", s.weightKg().setScale(0, RoundingMode.CEILING).longValueExact());
        body.put("WeightKg", s.weightKg());
        return body;
    }

    @Override
    public long createSku(SkuInput sku) {
        return call("create SKU " + sku.reference(), Group.CATALOG, "POST", "/api/catalog/pvt/stockkeepingunit", sku(sku), false)
                .path("Id").asLong();
    }

    @Override
    public void updateSku(long id, SkuInput sku) {
        call("update SKU " + sku.reference(), Group.CATALOG, "PUT", "/api/catalog/pvt/stockkeepingunit/" + id, sku(sku), true);
    }

    @Override
    public void addBarcode(long skuId, String ean) {
        call("EAN " + ean + " of SKU " + skuId, Group.CATALOG, "POST", "/api/catalog/pvt/stockkeepingunit/" + skuId + "/ean/" + encode(ean), null, true);
    }

    // ---- stock ---------------------------------------------------------------------------------------------

    @Override
    public List<Warehouse> warehouses() {
        List<Warehouse> out = new ArrayList<>();
        for (JsonNode w : call("warehouses", Group.LOGISTICS, "GET", "/api/logistics/pvt/configuration/warehouses", null, true)) {
            out.add(new Warehouse(w.path("id").asText(), w.path("name").asText()));
        }
        return out;
    }

    @Override
    public void createWarehouse(Warehouse warehouse) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("id", warehouse.id());
        body.put("name", warehouse.name());
        body.put("warehouseDocks", List.of(Map.of("dockId", "1", "name", "Doca 1", "time", "00:00:00", "cost", "0.00",
                "translateDays", "0", "costToDisplay", "0.00")));
        body.put("isActive", true);
        call("create warehouse " + warehouse.id(), Group.LOGISTICS, "POST", "/api/logistics/pvt/configuration/warehouses", body, true);
    }

    /** VTEX writes lead time as a .NET TimeSpan, "d.hh:mm:ss". */
    static String timeSpan(Duration duration) {
        long seconds = duration.toSeconds();
        return String.format("%d.%02d:%02d:%02d", seconds / 86_400, seconds % 86_400 / 3600, seconds % 3600 / 60, seconds % 60);
    }

    static Duration parseTimeSpan(String text) {
        if (text == null || text.isBlank()) {
            return Duration.ZERO;
        }
        String[] dayRest = text.contains(".") ? text.split("\\.", 2) : new String[] {"0", text};
        String[] hms = dayRest[1].split(":");
        return Duration.ofDays(Long.parseLong(dayRest[0])).plusHours(Long.parseLong(hms[0]))
                .plusMinutes(Long.parseLong(hms[1])).plusSeconds((long) Double.parseDouble(hms[2]));
    }

    @Override
    public void setInventory(long skuId, String warehouseId, Inventory inventory) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("quantity", inventory.quantity()); // never omitted: VTEX sets a missing quantity to 0
        body.put("unlimitedQuantity", inventory.unlimited());
        body.put("leadTime", timeSpan(inventory.leadTime()));
        // A 404 here is the warehouse missing from the store's logistics set-up (the SKU exists: the catalog made it).
        http.send(new VtexHttp.Call("inventory of SKU " + skuId + " in " + warehouseId, Group.LOGISTICS, "PUT",
                "/api/logistics/pvt/inventory/skus/" + skuId + "/warehouses/" + encode(warehouseId), body, true,
                VtexHttp.Refusals.NOT_FOUND_IS_SETUP));
    }

    @Override
    public Optional<Inventory> inventory(long skuId, String warehouseId) {
        return find("inventory of SKU " + skuId, Group.LOGISTICS, "/api/logistics/pvt/inventory/skus/" + skuId)
                .flatMap(found -> {
                    for (JsonNode balance : found.path("balance")) {
                        if (warehouseId.equals(balance.path("warehouseId").asText())) {
                            return Optional.of(new Inventory(balance.path("totalQuantity").asLong(),
                                    balance.path("hasUnlimitedQuantity").asBoolean(), parseTimeSpan(balance.path("leadTime").asText(null))));
                        }
                    }
                    return Optional.empty();
                });
    }

    // ---- prices --------------------------------------------------------------------------------------------

    private static Map<String, Object> fixed(FixedPrice price) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("value", price.value());
        body.put("minQuantity", price.minQuantity());
        if (price.from() != null || price.to() != null) {
            Map<String, Object> range = new LinkedHashMap<>();
            range.put("from", price.from() == null ? null : price.from().toString());
            range.put("to", price.to() == null ? null : price.to().toString());
            body.put("dateRange", range);
        }
        return body;
    }

    @Override
    public void setBasePrice(long skuId, BigDecimal basePrice, List<FixedPrice> keepFixedPrices) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("basePrice", basePrice);
        body.put("costPrice", basePrice);
        body.put("fixedPrices", keepFixedPrices.stream().map(p -> {
            Map<String, Object> f = fixed(p);
            f.put("tradePolicyId", p.priceTable());
            return f;
        }).toList());
        call("base price of SKU " + skuId, Group.PRICING_WRITE, "PUT", "/pricing/prices/" + skuId, body, true);
    }

    @Override
    public void setFixedPrices(long skuId, String priceTable, List<FixedPrice> prices) {
        call("fixed prices of SKU " + skuId + " in " + priceTable, Group.PRICING_WRITE, "POST",
                "/pricing/prices/" + skuId + "/fixed/" + encode(priceTable), prices.stream().map(VtexStore::fixed).toList(), true);
    }

    @Override
    public Optional<Price> price(long skuId) {
        return find("price of SKU " + skuId, Group.PRICING_READ, "/pricing/prices/" + skuId).map(found -> {
            List<FixedPrice> fixed = new ArrayList<>();
            for (JsonNode f : found.path("fixedPrices")) {
                JsonNode range = f.path("dateRange");
                fixed.add(new FixedPrice(f.path("tradePolicyId").asText(), f.path("value").decimalValue(), f.path("minQuantity").asInt(1),
                        range.hasNonNull("from") ? Instant.parse(range.get("from").asText()) : null,
                        range.hasNonNull("to") ? Instant.parse(range.get("to").asText()) : null));
            }
            return new Price(found.path("basePrice").decimalValue(), fixed);
        });
    }

    // ---- customers (Master Data CL and AD) -----------------------------------------------------------------

    @Override
    public void putCustomer(CustomerProfile c) {
        Map<String, Object> body = new LinkedHashMap<>();
        boolean company = c.document().length() == 14;
        body.put("email", c.email());
        body.put("firstName", c.tradeName() == null ? c.corporateName() : c.tradeName());
        body.put("lastName", "");
        body.put("isCorporate", company);
        body.put(company ? "corporateDocument" : "document", c.document());
        body.put("documentType", company ? "cnpj" : "cpf");
        body.put("corporateName", c.corporateName());
        body.put("tradeName", c.tradeName());
        body.put("stateRegistration", c.stateInscription());
        body.put("phone", c.phone());
        body.put("approved", c.approved());
        body.put("priceTables", c.priceTable());
        body.put("erpCustomerId", Long.toString(c.erpCustomerId()));
        call("customer " + c.id(), Group.MASTER_DATA, "PUT", "/api/dataentities/CL/documents/" + encode(c.id()), body, true);
    }

    @Override
    public Optional<CustomerProfile> customer(String id) {
        return find("customer " + id, Group.MASTER_DATA, "/api/dataentities/CL/documents/" + encode(id)
                + "?_fields=id,email,corporateName,tradeName,document,corporateDocument,stateRegistration,phone,approved,priceTables,erpCustomerId")
                .map(c -> new CustomerProfile(id, c.hasNonNull("corporateDocument") ? c.get("corporateDocument").asText() : c.path("document").asText(),
                        c.path("stateRegistration").asText(), c.path("corporateName").asText(null), c.path("tradeName").asText(null),
                        c.path("email").asText(null), c.path("phone").asText(null), c.path("approved").asBoolean(),
                        c.path("priceTables").asText(null), c.path("erpCustomerId").asLong()));
    }

    @Override
    public void putAddress(CustomerAddress a) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("userId", a.customerId());
        body.put("addressName", a.id());
        body.put("addressType", "commercial");
        body.put("street", a.street());
        body.put("number", a.number());
        body.put("complement", a.complement());
        body.put("neighborhood", a.neighborhood());
        body.put("city", a.city());
        body.put("state", a.state());
        body.put("postalCode", a.postalCode());
        body.put("country", "BRA");
        call("address " + a.id(), Group.MASTER_DATA, "PUT", "/api/dataentities/AD/documents/" + encode(a.customerId() + "-" + a.id()), body, true);
    }

    // ---- orders --------------------------------------------------------------------------------------------

    @Override
    public Optional<StoreOrder> order(String orderId) {
        return find("order " + orderId, Group.ORDERS, "/api/oms/pvt/orders/" + encode(orderId)).map(VtexStore::order);
    }

    private static StoreOrder order(JsonNode o) {
        Map<Integer, String> warehouses = new java.util.HashMap<>();
        JsonNode logistics = o.path("shippingData").path("logisticsInfo");
        for (JsonNode info : logistics) {
            JsonNode delivery = info.path("deliveryIds").path(0);
            if (delivery.hasNonNull("warehouseId")) {
                warehouses.put(info.path("itemIndex").asInt(), delivery.get("warehouseId").asText());
            }
        }
        List<OrderLine> lines = new ArrayList<>();
        int index = 0;
        for (JsonNode item : o.path("items")) {
            // The spec names it priceDefinitions, stores have answered priceDefinition: read whichever is there.
            JsonNode definition = item.has("priceDefinitions") ? item.get("priceDefinitions") : item.path("priceDefinition");
            long total = definition.hasNonNull("total") ? definition.path("total").asLong()
                    : item.path("sellingPrice").asLong() * item.path("quantity").asLong();
            lines.add(new OrderLine(item.path("id").asText(), item.path("refId").asText(null), item.path("quantity").asInt(),
                    item.path("unitMultiplier").asInt(1), item.path("sellingPrice").asLong(), total, warehouses.get(index)));
            index++;
        }
        Map<String, Long> totals = new java.util.HashMap<>();
        for (JsonNode total : o.path("totals")) {
            totals.put(total.path("id").asText(), total.path("value").asLong());
        }
        List<String> invoices = new ArrayList<>();
        for (JsonNode invoice : o.path("packageAttachment").path("packages")) {
            invoices.add(invoice.path("invoiceNumber").asText());
        }
        return new StoreOrder(o.path("orderId").asText(), o.path("status").asText(),
                o.path("paymentData").path("transactions").path(0).path("payments").path(0).path("paymentSystemName").asText(null),
                totals.getOrDefault("Items", 0L), -totals.getOrDefault("Discounts", 0L), totals.getOrDefault("Shipping", 0L),
                o.path("value").asLong(), buyer(o), lines, invoices);
    }

    private static Buyer buyer(JsonNode o) {
        JsonNode client = o.path("clientProfileData");
        boolean corporate = client.path("isCorporate").asBoolean() && client.hasNonNull("corporateDocument");
        String person = String.join(" ", java.util.stream.Stream.of(client.path("firstName").asText(""), client.path("lastName").asText(""))
                .filter(part -> !part.isBlank()).toList());
        String name = corporate && client.hasNonNull("corporateName") ? client.get("corporateName").asText() : person;
        JsonNode a = o.path("shippingData").path("address");
        CustomerAddress address = a.isObject() ? new CustomerAddress(a.path("addressId").asText(null), null, a.path("street").asText(null),
                a.path("number").asText(null), a.path("complement").asText(null), a.path("neighborhood").asText(null),
                a.path("city").asText(null), a.path("state").asText(null), a.path("postalCode").asText(null)) : null;
        return new Buyer(corporate ? client.get("corporateDocument").asText() : client.path("document").asText(null),
                client.path("stateInscription").asText(null), corporate, name.isBlank() ? null : name, client.path("tradeName").asText(null),
                client.path("email").asText(null), client.path(corporate && client.hasNonNull("corporatePhone") ? "corporatePhone" : "phone").asText(null),
                address);
    }

    @Override
    public List<OrderEvent> orderEvents(int max) {
        List<OrderEvent> out = new ArrayList<>();
        for (JsonNode e : call("orders feed", Group.ORDERS, "GET", "/api/orders/feed?maxlot=" + max, null, true)) {
            out.add(new OrderEvent(e.path("handle").asText(), e.path("orderId").asText(), e.path("state").asText(),
                    e.path("lastState").asText(null), e.path("lastChange").asText(null)));
        }
        return out;
    }

    @Override
    public void acknowledge(List<String> handles) {
        if (!handles.isEmpty()) {
            call("commit " + handles.size() + " feed items", Group.ORDERS, "POST", "/api/orders/feed", Map.of("handles", handles), true);
        }
    }

    @Override
    public void startHandling(String orderId) {
        http.send(new VtexHttp.Call("start handling " + orderId, Group.ORDERS, "POST", "/api/oms/pvt/orders/" + encode(orderId)
                + "/start-handling", null, true, VtexHttp.Refusals.STATE_CHANGE));
    }

    /** Not retried on an unknown outcome: an invoice is immutable, so the caller reads the order before sending again. */
    @Override
    public void invoice(String orderId, Invoice invoice) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", "Output");
        body.put("issuanceDate", invoice.issuedAt().toString());
        body.put("invoiceNumber", invoice.number());
        body.put("invoiceValue", Long.toString(invoice.valueCents()));
        body.put("invoiceKey", invoice.accessKey());
        body.put("items", invoice.lines().stream().map(l -> Map.of("id", l.skuId(), "quantity", l.quantity(), "price", l.priceCents())).toList());
        http.send(new VtexHttp.Call("invoice " + invoice.number() + " of " + orderId, Group.ORDERS, "POST", "/api/oms/pvt/orders/"
                + encode(orderId) + "/invoice", body, false, VtexHttp.Refusals.STATE_CHANGE));
    }

    @Override
    public void cancel(String orderId, String reason) {
        // 403 here may be the order refusing the cancellation (it is invoiced), not the credentials.
        http.send(new VtexHttp.Call("cancel " + orderId, Group.ORDERS, "POST", "/api/oms/pvt/orders/" + encode(orderId) + "/cancel",
                Map.of("reason", reason), true, VtexHttp.Refusals.STATE_CHANGE));
    }

    @Override
    public Optional<HookConfig> hook() {
        return find("hook configuration", Group.ORDERS, "/api/orders/hook/config").filter(h -> h.has("hook")).map(h -> {
            List<String> states = new ArrayList<>();
            h.path("filter").path("status").forEach(st -> states.add(st.asText()));
            Map<String, String> headers = new LinkedHashMap<>();
            h.path("hook").path("headers").fields().forEachRemaining(f -> headers.put(f.getKey(), f.getValue().asText()));
            return new HookConfig(h.path("hook").path("url").asText(), states, headers);
        });
    }

    @Override
    public void configureHook(HookConfig hook) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("filter", Map.of("type", "FromWorkflow", "status", hook.states()));
        body.put("hook", Map.of("url", hook.url(), "headers", hook.headers()));
        call("configure hook", Group.ORDERS, "POST", "/api/orders/hook/config", body, true);
    }
}
