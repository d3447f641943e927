package com.winthorvd.shared.winthor;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.OrderRequest;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import com.winthorvd.shared.winthor.model.StockItem;
import com.winthorvd.shared.winthor.model.WinThorOrder;
import com.winthorvd.shared.winthor.model.WtaFields;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The WTA calls the flows use, typed. Paths and parameters follow ../shared/contracts/winthor-wta.md; where it is
 * unsure the variant assumed is named in {@link WtaConventions}. Lists are lazy iterators, one page in memory.
 */
public final class WinThorApi {
    static final String PURCHASES = "/api/purchases/v1";
    static final String WHOLESALE = "/api/wholesale/v1";
    static final String STOCK = "/api/stock-vtex/v1";
    static final String NFE = "/winthor/fiscal/v1/documentosfiscais/nfe/invoiceDocument";

    private final WinThorClient client;
    private final int pageSize;

    public WinThorApi(WinThorClient client, int pageSize) {
        this.client = client;
        this.pageSize = pageSize;
    }

    public WinThorClient client() {
        return client;
    }

    private static Map<String, String> query(Object... pairs) {
        Map<String, String> query = new LinkedHashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                Object value = pairs[i + 1];
                query.put(String.valueOf(pairs[i]), value instanceof LocalDateTime date ? WtaFields.format(date)
                        : value instanceof List<?> list ? String.join(",", list.stream().map(String::valueOf).toList())
                        : String.valueOf(value));
            }
        }
        return query;
    }

    private <T> Iterator<T> list(String path, Map<String, String> query, Function<JsonNode, T> parse) {
        Iterator<JsonNode> items = client.list(path, query, pageSize);
        return new Iterator<>() {
            @Override
            public boolean hasNext() {
                return items.hasNext();
            }

            @Override
            public T next() {
                return parse.apply(items.next());
            }
        };
    }

    // ---- catalog (winthor-compras-produto) ----------------------------------------------------------------

    /** A paged feed: path and fixed parameters; {@link #page} reads one page of it since a lastChange. */
    public record Feed(String path, Map<String, String> query) {
        Map<String, String> since(LocalDateTime lastChange) {
            Map<String, String> out = new LinkedHashMap<>(query);
            if (lastChange != null) {
                out.put("lastChange", WtaFields.format(lastChange));
            }
            return out;
        }
    }

    public static Feed departmentsFeed() {
        return new Feed(PURCHASES + "/productDepartments", Map.of());
    }

    public static Feed sectionsFeed() {
        return new Feed(PURCHASES + "/productSections", Map.of());
    }

    public static Feed categoriesFeed() {
        return new Feed(PURCHASES + "/productCategories", query("order", "lastChange"));
    }

    public static Feed brandsFeed() {
        return new Feed(PURCHASES + "/productBrands/", Map.of());
    }

    /** Products flagged for e-commerce ({@code callOrigin=W}). */
    public static Feed productsFeed() {
        return new Feed(PURCHASES + "/products/", query("callOrigin", "W"));
    }

    /** Packagings (SKUs) of a branch at {@code path} ({@link WtaConventions#PACKAGINGS_PATH} unless configured). */
    public static Feed packagingsFeed(String path, String branchId) {
        return new Feed(path, query("branchId", branchId, "useAllPackages", "Y"));
    }

    public static Feed customersFeed(List<String> branchIds) {
        return new Feed(WHOLESALE + "/customer/list", query("branchId", branchIds, "withDeliveryAddress", "true"));
    }

    /** One page (1-based) of a feed, records changed since lastChange (null: all). */
    public WinThorClient.Page page(Feed feed, LocalDateTime lastChange, int page) {
        return client.page(feed.path(), feed.since(lastChange), page, pageSize);
    }

    /** Every raw record of a feed since lastChange, fetched lazily page by page. */
    public Iterator<JsonNode> items(Feed feed, LocalDateTime lastChange) {
        return client.list(feed.path(), feed.since(lastChange), pageSize);
    }

    private <T> Iterator<T> list(Feed feed, LocalDateTime lastChange, Function<JsonNode, T> parse) {
        return list(feed.path(), feed.since(lastChange), parse);
    }

    /** Departments changed since {@code lastChange} (null: all). */
    public Iterator<Department> departments(LocalDateTime lastChange) {
        return list(departmentsFeed(), lastChange, Department::from);
    }

    public Iterator<Section> sections(LocalDateTime lastChange) {
        return list(sectionsFeed(), lastChange, Section::from);
    }

    public Iterator<Category> categories(LocalDateTime lastChange) {
        return list(categoriesFeed(), lastChange, Category::from);
    }

    public Iterator<Brand> brands(LocalDateTime lastChange) {
        return list(brandsFeed(), lastChange, Brand::from);
    }

    /** Products flagged for e-commerce ({@code callOrigin=W}) changed since lastChange. */
    public Iterator<Product> products(LocalDateTime lastChange) {
        return list(productsFeed(), lastChange, Product::from);
    }

    public Optional<Product> product(long productId) {
        return notFoundAsEmpty(() -> Product.from(client.get(PURCHASES + "/products/" + productId, Map.of())));
    }

    public Iterator<Packaging> packagings(String branchId, LocalDateTime lastChange) {
        return list(packagingsFeed(WtaConventions.PACKAGINGS_PATH, branchId), lastChange, Packaging::from);
    }

    // ---- customers (winthor-pedido-venda) -------------------------------------------------------------------

    public Iterator<Customer> customers(List<String> branchIds, LocalDateTime lastChange) {
        return list(customersFeed(branchIds), lastChange, Customer::from);
    }

    public Optional<Customer> customer(long customerId) {
        return notFoundAsEmpty(() -> {
            JsonNode body = client.get(WHOLESALE + "/customer/", query("customerId", customerId, "withDeliveryAddress", "true"));
            JsonNode one = body.isArray() ? body.path(0) : body.has(WtaConventions.ITEMS_FIELD) ? body.path(WtaConventions.ITEMS_FIELD).path(0) : body;
            return one.isMissingNode() ? null : Customer.from(one);
        });
    }

    /** Customers with this CNPJ/CPF whose state inscription matches (ISENTO normalised); several means ambiguous. */
    public List<Customer> customersByDocument(String document, String stateInscription) {
        String wanted = Customer.normalizeStateInscription(stateInscription);
        return customersWithDocument(document).stream().filter(customer -> customer.stateInscription().equals(wanted)).toList();
    }

    /** Every customer with this CNPJ/CPF, whatever its state inscription. */
    public List<Customer> customersWithDocument(String document) {
        List<Customer> all = new ArrayList<>();
        list(WHOLESALE + "/customer/list", query("personIdentificationNumber", Customer.digits(document),
                "withDeliveryAddress", "true"), Customer::from).forEachRemaining(all::add);
        return all;
    }

    /**
     * Creates (or, for a known CNPJ/CPF with the same IE, updates) a customer; {@code customerOrigin=VT} is added. The
     * answer's shape is unattested: without a customer id in it, the customer is read back by its CNPJ/CPF and IE.
     */
    public Customer saveCustomer(Map<String, Object> customer) {
        Map<String, Object> body = new LinkedHashMap<>(customer);
        body.put("customerOrigin", "VT");
        JsonNode saved = customer.containsKey("id") ? client.put(WHOLESALE + "/customer/", body) : client.post(WHOLESALE + "/customer/", body);
        JsonNode one = saved.has(WtaConventions.ITEMS_FIELD) ? saved.path(WtaConventions.ITEMS_FIELD).path(0) : saved;
        if (WtaFields.number(one, "id", "customerId") != null) {
            return Customer.from(one);
        }
        String document = String.valueOf(customer.get("personIdentificationNumber"));
        List<Customer> found = customersByDocument(document, (String) customer.get("stateInscription"));
        if (found.size() != 1) {
            // Transient: saving again is safe (WinThor updates by CNPJ/CPF and IE), and the next read may find it.
            throw new WinThorApiException("POST " + WHOLESALE + "/customer/", 502, "answered without a customer id, and "
                    + found.size() + " customers have that CNPJ/CPF and IE", null);
        }
        return found.get(0);
    }

    // ---- stock and prices -----------------------------------------------------------------------------------

    /** Available stock of the branches, e-commerce products only ({@code callOrigin=W}), in lastChange order. */
    public static Feed stockFeed(List<String> branchIds, boolean perPackaging) {
        return new Feed(STOCK + "/available/list", query("branchId", branchIds, "callOrigin", "W", "order", "lastChange",
                "usesPackagingSales", perPackaging ? "true" : null));
    }

    /** Available stock of the branches, e-commerce products only, since lastChange. */
    public Iterator<StockItem> stock(List<String> branchIds, LocalDateTime lastChange, boolean perPackaging) {
        return list(stockFeed(branchIds, perPackaging), lastChange, StockItem::from);
    }

    /** The stock of one product's packagings in a branch; empty when WinThor has none for it (404). */
    public List<StockItem> stockOfProduct(String branchId, long productId) {
        try {
            return stockOfProductOrFail(branchId, productId);
        } catch (WinThorApiException e) {
            if (e.status() == 404) {
                return List.of();
            }
            throw e;
        }
    }

    private List<StockItem> stockOfProductOrFail(String branchId, long productId) {
        JsonNode body = client.get(STOCK + "/available/" + branchId + "/" + productId, Map.of());
        List<StockItem> out = new ArrayList<>();
        (body.isArray() ? body : body.has(WtaConventions.ITEMS_FIELD) ? body.get(WtaConventions.ITEMS_FIELD) : List.of(body))
                .forEach(node -> out.add(StockItem.from((JsonNode) node)));
        return out;
    }

    /**
     * Prices of a branch in every region (multiRegionPrice), per packaging when the branch sells by packaging; one
     * product's only when {@code productId} is given. price/list has no lastChange: every read is a full one.
     */
    public static Feed priceFeed(String branchId, boolean perPackaging, Long productId) {
        return new Feed(WHOLESALE + "/price/list", query("branchId", branchId, "multiRegionPrice", "true",
                "useMultiplePricesPerProductPackage", perPackaging ? "true" : null, "productId", productId));
    }

    public Iterator<PriceItem> prices(String branchId, boolean perPackaging) {
        return list(priceFeed(branchId, perPackaging, null), null, node -> PriceItem.from(node, branchId));
    }

    // ---- orders --------------------------------------------------------------------------------------------

    /** Creates an order. Never retried here: a timeout leaves the outcome unknown, for the caller to resolve. */
    public WinThorOrder createOrder(OrderRequest order) {
        return WinThorOrder.from(client.post(WHOLESALE + "/orders/", order.body()));
    }

    public Optional<WinThorOrder> order(String orderId) {
        return notFoundAsEmpty(() -> {
            JsonNode body = client.get(WHOLESALE + "/orders/", query("orderId", orderId));
            JsonNode one = body.isArray() ? body.path(0) : body;
            return one.isMissingNode() ? null : WinThorOrder.from(one);
        });
    }

    /**
     * Orders of the branches (of a customer, with the statuses, when given). {@code daysOfSearch} is always sent:
     * without it WinThor silently returns only about 15 days of orders.
     */
    public static Feed ordersFeed(List<String> branchIds, List<String> statuses, Long customerId, int daysOfSearch) {
        return new Feed(WHOLESALE + "/orders/list", query("branchId", branchIds,
                "orderStatus", statuses == null || statuses.isEmpty() ? null : statuses, "customerId", customerId,
                "daysOfSearch", daysOfSearch, "saleOrigin", "T"));
    }

    /** Orders changed since lastChange, fetched lazily page by page. */
    public Iterator<WinThorOrder> orders(List<String> branchIds, LocalDateTime lastChange, List<String> statuses,
                                         Long customerId, int daysOfSearch) {
        return list(ordersFeed(branchIds, statuses, customerId, daysOfSearch), lastChange, WinThorOrder::from);
    }

    /** Cancels an order in WinThor with the reason shown to the seller. */
    public void cancelOrder(String orderId, String reason) {
        client.delete(WHOLESALE + "/orders/", query("id", orderId, "reasonCancellation", reason, "sendMessageRca", "false"));
    }

    /** The NF-e XML of an invoiced order; empty while WinThor has no document for it yet (404). */
    public Optional<String> invoiceXml(String orderId) {
        return notFoundAsEmpty(() -> {
            JsonNode body = client.get(NFE, query("orderId", orderId, "returnBase64", "false"));
            String xml = body.path("invoiceXml").asText("");
            return xml.isEmpty() ? null : xml;
        });
    }

    private static <T> Optional<T> notFoundAsEmpty(java.util.function.Supplier<T> call) {
        try {
            return Optional.ofNullable(call.get());
        } catch (WinThorApiException e) {
            if (e.status() == 404) {
                return Optional.empty();
            }
            throw e;
        }
    }
}
