package com.winthorvd.testkit.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.winthor.WtaConventions;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.StockItem;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;
import java.util.function.Supplier;

/**
 * The WTA's data endpoints over {@link WinThorData}: catalog, customers, stock, prices, orders and the NF-e, each
 * validating its parameters the way the real services do, plus the ERP-side order moves tests make.
 */
public final class WtaRoutes {
    static final int MAX_PAGE_SIZE = 1000;
    static final int DEFAULT_DAYS_OF_SEARCH = 15;
    static final String ISSUER_CNPJ = "12345678000195";

    private final WinThorData data;
    private final Supplier<LocalDateTime> now;

    WtaRoutes(WinThorData data, Supplier<LocalDateTime> now) {
        this.data = data;
        this.now = now;
    }

    /** Serves the request if it is a data endpoint; false if the path is not one. */
    boolean handle(SimHttp http) {
        String path = http.path();
        String route = http.method() + " " + path;
        switch (route) {
            case "GET /api/branch/v1/", "GET /api/branch/v1" -> http.json(200, data.branches.entrySet().stream()
                    .sorted(Map.Entry.comparingByKey()).map(b -> Map.of("id", b.getKey(), "name", b.getValue())).toList());
            case "GET /api/purchases/v1/productDepartments" -> list(http, data.departments, d -> true, WtaJson::department);
            case "GET /api/purchases/v1/productSections" -> list(http, data.sections, s -> true,
                    s -> WtaJson.section(s, data.departments.get(Long.toString(s.departmentId()))));
            case "GET /api/purchases/v1/productCategories" -> list(http, data.categories, c -> true,
                    c -> WtaJson.category(c, data.sections.get(Long.toString(c.sectionId())), data.departments.get(Long.toString(c.departmentId()))));
            case "GET /api/purchases/v1/productBrands/", "GET /api/purchases/v1/productBrands" -> list(http, data.brands, b -> true, WtaJson::brand);
            case "GET /api/purchases/v1/products/", "GET /api/purchases/v1/products" -> {
                // callOrigin=W: only products with "Enviar para E-commerce = Sim".
                boolean web = "W".equalsIgnoreCase(http.param("callOrigin"));
                list(http, data.products, p -> !web || p.sentToEcommerce(), WtaJson::product);
            }
            case "GET " + WtaConventions.PACKAGINGS_PATH -> {
                String branch = required(http, "branchId");
                if (branch != null) {
                    list(http, data.packagings, p -> p.branchId().equals(branch), WtaJson::packaging);
                }
            }
            case "GET /api/wholesale/v1/customer/list" -> customers(http);
            case "GET /api/wholesale/v1/customer/", "GET /api/wholesale/v1/customer" -> customer(http);
            case "POST /api/wholesale/v1/customer/", "PUT /api/wholesale/v1/customer/" -> saveCustomer(http);
            case "GET /api/stock-vtex/v1/available/list" -> stockList(http);
            case "GET /api/wholesale/v1/price/list" -> priceList(http);
            case "POST /api/wholesale/v1/orders/", "POST /api/wholesale/v1/orders" -> createOrder(http);
            case "GET /api/wholesale/v1/orders/", "GET /api/wholesale/v1/orders" -> getOrder(http);
            case "GET /api/wholesale/v1/orders/list" -> listOrders(http);
            case "DELETE /api/wholesale/v1/orders/", "DELETE /api/wholesale/v1/orders" -> cancelOrder(http);
            case "GET /winthor/fiscal/v1/documentosfiscais/nfe/invoiceDocument" -> invoiceDocument(http);
            default -> {
                if (http.method().equals("GET") && path.startsWith("/api/purchases/v1/products/")) {
                    oneProduct(http, path.substring("/api/purchases/v1/products/".length()));
                } else if (http.method().equals("GET") && path.startsWith("/api/stock-vtex/v1/available/")) {
                    stockOfProduct(http, path.substring("/api/stock-vtex/v1/available/".length()));
                } else {
                    return false;
                }
            }
        }
        return true;
    }

    // ---- helpers -------------------------------------------------------------------------------------------

    private static String required(SimHttp http, String name) {
        String value = http.param(name);
        if (value == null || value.isBlank()) {
            http.json(400, Map.of("message", "O parâmetro " + name + " é obrigatório"));
            return null;
        }
        return value;
    }

    /** The lastChange parameter; an answered 400 (and {@code false}) when malformed. */
    private static boolean since(SimHttp http, LocalDateTime[] out) {
        String text = http.param("lastChange");
        if (text == null || text.isBlank()) {
            return true;
        }
        try {
            out[0] = LocalDateTime.parse(text, WtaFields.LOCAL);
            return true;
        } catch (DateTimeParseException e) {
            http.json(400, Map.of("message", "Parâmetro lastChange inválido: " + text,
                    "detailedMessage", "formato esperado yyyy-MM-ddTHH:mm:ss"));
            return false;
        }
    }

    /** page/pageSize as the WTA validates them; null (answered 400) when invalid. */
    private static int[] paging(SimHttp http) {
        try {
            int page = Integer.parseInt(http.query().getOrDefault("page", "1"));
            int size = Integer.parseInt(http.query().getOrDefault("pageSize", "50"));
            if (page < 1 || size < 1 || size > MAX_PAGE_SIZE) {
                http.json(400, Map.of("message", "page deve ser >= 1 e pageSize entre 1 e " + MAX_PAGE_SIZE));
                return null;
            }
            return new int[] {page, size};
        } catch (NumberFormatException e) {
            http.json(400, Map.of("message", "page e pageSize devem ser números"));
            return null;
        }
    }

    private <T> void list(SimHttp http, Feed<T> feed, Predicate<T> filter, Function<T, Map<String, Object>> json) {
        LocalDateTime[] since = new LocalDateTime[1];
        int[] paging = paging(http);
        if (paging == null || !since(http, since)) {
            return;
        }
        Feed.Page<T> page = feed.page(since[0], filter, paging[0], paging[1]);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("first", paging[0] == 1);
        Set<String> removed = data.fieldsLeftOut.getOrDefault(http.path(), Set.of());
        envelope.put("items", page.items().stream().map(json).map(m -> {
            m.keySet().removeAll(removed);
            return m;
        }).toList());
        envelope.put("hasNext", page.hasNext());
        http.json(200, envelope);
    }

    /** The record as the WTA writes it, or WinThor's 404 with its message. */
    private static <T> void one(SimHttp http, T record, String notFound, Function<T, Map<String, Object>> json) {
        if (record == null) {
            http.json(404, Map.of("message", notFound));
        } else {
            http.json(200, json.apply(record));
        }
    }

    private static Set<String> commaList(String value) {
        return Set.of(value.split(","));
    }

    // ---- catalog -------------------------------------------------------------------------------------------

    private void oneProduct(SimHttp http, String id) {
        one(http, data.products.get(id), "Produto " + id + " não encontrado", WtaJson::product);
    }

    // ---- customers -----------------------------------------------------------------------------------------

    private void customers(SimHttp http) {
        String branches = http.param("branchId");
        String document = http.param("personIdentificationNumber");
        Predicate<Customer> filter = c -> (branches == null || commaList(branches).contains(c.branchId()))
                && (document == null || Customer.digits(document).equals(c.document()));
        list(http, data.customers, filter, WtaJson::customer);
    }

    private void customer(SimHttp http) {
        String id = required(http, "customerId");
        if (id == null) {
            return;
        }
        one(http, data.customers.get(id), "Cliente " + id + " não encontrado", WtaJson::customer);
    }

    /**
     * POST creates, or updates the customer with the same CNPJ/CPF and IE (a new IE creates a new customer);
     * PUT updates by id. customerOrigin=VT is required; the document must have valid check digits.
     */
    private void saveCustomer(SimHttp http) {
        JsonNode body = http.jsonBody();
        if (body == null) {
            return;
        }
        if (!"VT".equals(body.path("customerOrigin").asText())) {
            http.json(400, Map.of("message", "customerOrigin deve ser VT para clientes da Venda Digital"));
            return;
        }
        // Routine 302's mandatory fields are mandatory in the API (TDN T-CLI), under TDN's names; a body with the
        // address under other names has no CEP and no city, and WinThor refuses it for that.
        List<String> missing = new ArrayList<>();
        for (String field : List.of("name", "personIdentificationNumber", "email", "commercialAddress", "businessDistrict",
                "businessState", "billingAddress", "billingZipCode")) {
            if (body.path(field).asText("").isBlank()) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            http.json(400, Map.of("message", "Campos obrigatórios ausentes: " + String.join(", ", missing)));
            return;
        }
        if (body.has("corporate") && !body.get("corporate").isBoolean()) {
            http.json(400, Map.of("message", "corporate deve ser booleano (true = pessoa jurídica)"));
            return;
        }
        String document = Customer.digits(body.get("personIdentificationNumber").asText());
        if (!Documents.valid(document)) {
            http.json(400, Map.of("message", "CPF/CNPJ inválido"));
            return;
        }
        String zip = Customer.digits(body.path("commercialZipCode").asText(""));
        boolean city = !body.path("businessCityId").asText("").isBlank() || !body.path("cityId").asText("").isBlank();
        if (http.method().equals("POST") && zip.length() != 8 && !city) {
            http.json(400, Map.of("message", "CEP comercial inválido ou ausente (commercialZipCode '"
                    + body.path("commercialZipCode").asText("") + "') e cidade não informada (businessCityId)"));
            return;
        }
        String ie = Customer.normalizeStateInscription(body.path("stateInscription").asText(null));
        Customer existing;
        if (http.method().equals("PUT")) {
            existing = data.customers.get(body.path("id").asText(""));
            if (existing == null) {
                http.json(404, Map.of("message", "Cliente " + body.path("id").asText("") + " não encontrado"));
                return;
            }
        } else {
            existing = data.customers.all().stream().filter(c -> c.document().equals(document) && c.stateInscription().equals(ie))
                    .findFirst().orElse(null);
        }
        long id = existing != null ? existing.id() : data.nextCustomerId.getAndIncrement();
        List<Customer.DeliveryAddress> addresses = existing != null ? existing.deliveryAddresses() : zip.length() != 8 ? List.of()
                : List.of(new Customer.DeliveryAddress("1", body.path("commercialAddress").asText(null),
                        body.path("commercialAddressNumber").asText(null), body.path("complementBusinessAddress").asText(null),
                        body.path("businessDistrict").asText(null), body.path("businessCity").asText(null),
                        body.path("businessState").asText(null), zip));
        Customer saved = new Customer(id, body.get("name").asText(), body.path("tradeName").asText(null), document, ie,
                document.length() == 14 ? "J" : "F", body.get("email").asText(), body.path("phone").asText(null),
                existing != null ? existing.sellerId() : null, existing != null ? existing.activityId() : 1L,
                existing != null ? existing.regionId() : "1", body.path("branchParameterId").asText(existing != null ? existing.branchId() : "1"),
                true, false, addresses, now.get());
        data.customers.put(saved);
        http.json(existing == null ? 201 : 200, WtaJson.customer(saved));
    }

    // ---- stock and prices ----------------------------------------------------------------------------------

    private void stockList(SimHttp http) {
        String branches = required(http, "branchId");
        if (branches == null) {
            return;
        }
        Set<String> wanted = commaList(branches);
        boolean web = "W".equalsIgnoreCase(http.param("callOrigin"));
        boolean perPackaging = "true".equalsIgnoreCase(http.param("usesPackagingSales"));
        Predicate<StockItem> filter = s -> wanted.contains(s.branchId()) && (!web || onEcommerce(s.skuKey()));
        list(http, data.stock, filter, s -> WtaJson.stock(s, perPackaging));
    }

    private boolean onEcommerce(String skuKey) {
        Product product = data.products.get(skuKey.substring(skuKey.lastIndexOf('-') + 1));
        return product != null && product.sentToEcommerce();
    }

    private void stockOfProduct(SimHttp http, String branchAndProduct) {
        String[] parts = branchAndProduct.split("/");
        if (parts.length != 2) {
            http.json(400, Map.of("message", "use /available/{branch}/{productId}"));
            return;
        }
        String suffix = "-" + parts[1];
        List<Map<String, Object>> items = data.stock.all().stream()
                .filter(s -> s.branchId().equals(parts[0]) && s.skuKey().endsWith(suffix))
                .map(s -> WtaJson.stock(s, false)).toList();
        if (items.isEmpty()) {
            http.json(404, Map.of("message", "Estoque não encontrado para o produto " + parts[1] + " na filial " + parts[0]));
        } else {
            http.json(200, items.size() == 1 ? items.get(0) : items);
        }
    }

    private void priceList(SimHttp http) {
        String branch = required(http, "branchId");
        if (branch == null) {
            return;
        }
        boolean multiRegion = "true".equalsIgnoreCase(http.param("multiRegionPrice"));
        String defaultRegion = "1"; // the branch's parameter 4257 in the simulated WinThor
        String product = http.param("productId");
        list(http, data.prices, p -> p.branchId().equals(branch) && (multiRegion || p.regionId().equals(defaultRegion))
                && (product == null || product.equals(Long.toString(p.productId()))), WtaJson::price);
    }

    // ---- orders --------------------------------------------------------------------------------------------

    private void createOrder(SimHttp http) {
        JsonNode body = http.jsonBody();
        if (body == null) {
            return;
        }
        String mktplace = body.path("orderIdMktplace").asText(null);
        String problem = validateOrder(body);
        if (problem != null) {
            data.apiOrderLog.add(new WinThorData.ApiOrderLog(now.get(), "I", "R", null, mktplace, problem));
            http.json(400, Map.of("message", problem));
            return;
        }
        List<SimOrder.Line> lines = new ArrayList<>();
        int position = 1;
        for (JsonNode item : body.get("listOfOrderItem")) {
            lines.add(new SimOrder.Line(item.get("productSKUERPReferenceKey").asText(), item.get("quantity").decimalValue(),
                    item.get("sellPrice").decimalValue(), item.get("warehouseBranchId").asText(),
                    item.path("position").asInt(position)));
            position++;
        }
        String orderId = Long.toString(data.nextOrderNumber.getAndIncrement());
        SimOrder order = new SimOrder(orderId, body.get("branchId").asText(), body.path("customer").path("id").asLong(),
                body.get("paymentPlanId").asLong(), body.path("chargingId").asText("D"), body.get("saleType").asInt(),
                body.hasNonNull("seller") ? body.get("seller").asLong() : null,
                body.hasNonNull("valueFreight") ? body.get("valueFreight").decimalValue() : null,
                mktplace, body.path("observation").asText(null), lines, now.get());
        data.orders.put(orderId, order);
        reserve(order, BigDecimal.ONE.negate());
        data.apiOrderLog.add(new WinThorData.ApiOrderLog(now.get(), "I", "A", orderId, mktplace, "pedido importado"));
        http.json(201, order.json(data.echoesStoreReferences));
    }

    /** The first reason the order cannot be imported, in WinThor's words, or null. */
    private String validateOrder(JsonNode body) {
        String branch = body.path("branchId").asText("");
        if (branch.isEmpty() || !data.branches.containsKey(branch)) {
            return "Filial " + branch + " não cadastrada";
        }
        long customerId = body.path("customer").path("id").asLong(0);
        Customer customer = data.customers.get(Long.toString(customerId));
        if (customer == null) {
            return "Cliente " + customerId + " não cadastrado";
        }
        if (customer.blocked()) {
            return "Cliente " + customerId + " bloqueado";
        }
        if (!body.hasNonNull("paymentPlanId") || !body.hasNonNull("saleType")) {
            return "Campos obrigatórios: paymentPlanId, saleType";
        }
        JsonNode items = body.path("listOfOrderItem");
        if (!items.isArray() || items.isEmpty()) {
            return "O pedido não tem itens";
        }
        for (JsonNode item : items) {
            String sku = item.path("productSKUERPReferenceKey").asText("");
            String warehouse = item.path("warehouseBranchId").asText("");
            if (!data.branches.containsKey(warehouse)) {
                return "Filial de retirada " + warehouse + " não cadastrada (item " + sku + ")";
            }
            Packaging packaging = data.packagings.get(sku + "@" + warehouse);
            if (packaging == null) {
                return "Produto/embalagem " + sku + " não encontrado na filial " + warehouse;
            }
            BigDecimal quantity = item.path("quantity").decimalValue();
            if (quantity.signum() <= 0) {
                return "Quantidade inválida para o item " + sku;
            }
            if (!packaging.soldByWeight() && quantity.stripTrailingZeros().scale() > 0) {
                return "Quantidade fracionada não permitida para o item " + sku;
            }
            if (!item.hasNonNull("sellPrice") || item.get("sellPrice").decimalValue().signum() <= 0) {
                return "Preço de venda inválido para o item " + sku;
            }
        }
        return null;
    }

    private void getOrder(SimHttp http) {
        String id = http.param("orderId") != null ? http.param("orderId") : http.param("id");
        if (id == null || id.isBlank()) {
            http.json(400, Map.of("message", "O parâmetro orderId é obrigatório"));
            return;
        }
        one(http, data.orders.get(id), "Pedido " + id + " não encontrado", o -> o.json(data.echoesStoreReferences));
    }

    /**
     * Orders by branch, changed since lastChange, with status and customer filters. Without daysOfSearch only
     * orders changed in the last 15 days come back, with no error, as the real WTA does.
     */
    private void listOrders(SimHttp http) {
        String branches = required(http, "branchId");
        LocalDateTime[] since = new LocalDateTime[1];
        int[] paging = paging(http);
        if (branches == null || paging == null || !since(http, since)) {
            return;
        }
        int days;
        try {
            days = http.param("daysOfSearch") == null ? DEFAULT_DAYS_OF_SEARCH : Integer.parseInt(http.param("daysOfSearch"));
        } catch (NumberFormatException e) {
            http.json(400, Map.of("message", "daysOfSearch deve ser um número"));
            return;
        }
        LocalDateTime window = now.get().minusDays(days);
        Set<String> wantedBranches = commaList(branches);
        Set<String> statuses = http.param("orderStatus") == null ? null : commaList(http.param("orderStatus"));
        String customer = http.param("customerId");
        List<SimOrder> matching = data.orders.values().stream()
                .filter(o -> wantedBranches.contains(o.branchId))
                .filter(o -> !o.lastChange.isBefore(window))
                .filter(o -> since[0] == null || !o.lastChange.isBefore(since[0]))
                .filter(o -> statuses == null || statuses.contains(o.status))
                .filter(o -> customer == null || Long.toString(o.customerId).equals(customer))
                .sorted(java.util.Comparator.comparing((SimOrder o) -> o.lastChange).thenComparing(o -> Long.parseLong(o.orderId)))
                .toList();
        int from = Math.min(matching.size(), (paging[0] - 1) * paging[1]);
        int to = Math.min(matching.size(), from + paging[1]);
        Map<String, Object> envelope = new LinkedHashMap<>();
        envelope.put("first", paging[0] == 1);
        envelope.put("items", matching.subList(from, to).stream().map(o -> o.json(data.echoesStoreReferences)).toList());
        envelope.put("hasNext", to < matching.size());
        http.json(200, envelope);
    }

    private void cancelOrder(SimHttp http) {
        String id = required(http, "id");
        if (id == null) {
            return;
        }
        SimOrder order = data.orders.get(id);
        if (order == null) {
            http.json(404, Map.of("message", "Pedido " + id + " não encontrado"));
            return;
        }
        if ("F".equals(order.status)) {
            data.apiOrderLog.add(new WinThorData.ApiOrderLog(now.get(), "C", "R", id, order.orderIdMktplace, "pedido faturado"));
            http.json(400, Map.of("message", "Pedido " + id + " já faturado: não pode ser cancelado"));
            return;
        }
        if (!"C".equals(order.status)) {
            reserve(order, BigDecimal.ONE);
            order.status = "C";
            order.cancellationReason = http.param("reasonCancellation");
            order.lastChange = now.get();
            data.apiOrderLog.add(new WinThorData.ApiOrderLog(now.get(), "C", "A", id, order.orderIdMktplace, "pedido cancelado"));
        }
        http.send(204, null, "", Map.of());
    }

    private void invoiceDocument(SimHttp http) {
        String id = http.param("orderId");
        if (id == null || id.isBlank()) {
            http.json(400, Map.of("message", "Informe orderId ou transactionId"));
            return;
        }
        SimOrder order = data.orders.get(id);
        if (order == null || order.invoice == null || !order.invoiceDocumentReady) {
            http.json(404, Map.of("message", "Documento fiscal não encontrado para o pedido " + id));
            return;
        }
        http.json(200, Map.of("invoiceXml", Nfe.xml(order, order.invoice, ISSUER_CNPJ)));
    }

    // ---- ERP-side moves, for tests and the demo ------------------------------------------------------------

    /**
     * Invoices an order (status F). {@code invoicedQuantities} overrides line quantities (an item cut: less, or 0);
     * the NF-e document becomes available only with {@link #publishInvoiceDocument}, or at once if {@code documentReady}.
     */
    public void invoice(String orderId, Map<String, BigDecimal> invoicedQuantities, boolean documentReady) {
        SimOrder order = existing(orderId);
        List<SimOrder.Line> lines = new ArrayList<>();
        for (SimOrder.Line line : order.lines) {
            BigDecimal quantity = invoicedQuantities.getOrDefault(line.skuKey(), line.quantity());
            if (quantity.signum() > 0) {
                lines.add(new SimOrder.Line(line.skuKey(), quantity, line.sellPrice(), line.warehouseBranchId(), line.position()));
            }
        }
        BigDecimal value = lines.stream().map(SimOrder.Line::total).reduce(BigDecimal.ZERO, BigDecimal::add)
                .add(order.freight == null ? BigDecimal.ZERO : order.freight);
        long number = data.nextInvoiceNumber.getAndIncrement();
        LocalDateTime issued = now.get();
        String key = Nfe.accessKey("35", String.format("%02d%02d", issued.getYear() % 100, issued.getMonthValue()),
                ISSUER_CNPJ, 1, number, Long.parseLong(orderId) % 100_000_000L);
        order.invoice = new SimOrder.Invoice(number, 1, key, issued, value, List.copyOf(lines));
        order.invoiceDocumentReady = documentReady;
        order.status = "F";
        order.lastChange = issued;
    }

    public void publishInvoiceDocument(String orderId) {
        existing(orderId).invoiceDocumentReady = true;
    }

    /** An order typed in WinThor itself (routine 316), not through the API: no store order behind it. Returns its NUMPED. */
    public String createInErp(String branchId, long customerId, String skuKey, BigDecimal quantity) {
        String orderId = Long.toString(data.nextOrderNumber.getAndIncrement());
        data.orders.put(orderId, new SimOrder(orderId, branchId, customerId, 1, "D", 1, null, BigDecimal.ZERO, null, "PEDIDO POR TELEFONE",
                List.of(new SimOrder.Line(skuKey, quantity, BigDecimal.TEN, branchId, 1)), now.get()));
        return orderId;
    }

    /** Cancels an order in WinThor (routine 305), as a person at the distributor would. */
    public void cancelInErp(String orderId, String reason) {
        SimOrder order = existing(orderId);
        if (!"C".equals(order.status)) {
            reserve(order, BigDecimal.ONE);
        }
        order.status = "C";
        order.cancellationReason = reason;
        order.lastChange = now.get();
    }

    /**
     * An order takes its units out of the warehouse's available stock when WinThor accepts it ({@code sign} -1) and gives
     * them back when cancelled (+1); an invoice leaves them out (the goods left).
     */
    private void reserve(SimOrder order, BigDecimal sign) {
        for (SimOrder.Line line : order.lines) {
            StockItem stock = data.stock.get(line.skuKey() + "@" + line.warehouseBranchId());
            if (stock != null && !stock.unlimited()) {
                data.stock.put(new StockItem(stock.skuKey(), stock.branchId(), stock.quantity().add(line.quantity().multiply(sign)),
                        stock.unitMultiplier(), false, now.get()));
            }
        }
    }

    /** The NF-e access key of an invoiced order. */
    public String invoiceKey(String orderId) {
        SimOrder.Invoice invoice = existing(orderId).invoice;
        return invoice == null ? null : invoice.accessKey();
    }

    private SimOrder existing(String orderId) {
        SimOrder order = data.orders.get(orderId);
        if (order == null) {
            throw new IllegalArgumentException("no order " + orderId + " in the simulated WinThor");
        }
        return order;
    }
}
