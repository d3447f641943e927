package com.winthorvd.testkit.sim;

import com.winthorvd.shared.winthor.model.Brand;
import com.winthorvd.shared.winthor.model.Category;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.Department;
import com.winthorvd.shared.winthor.model.Packaging;
import com.winthorvd.shared.winthor.model.PriceItem;
import com.winthorvd.shared.winthor.model.Product;
import com.winthorvd.shared.winthor.model.Section;
import com.winthorvd.shared.winthor.model.StockItem;
import java.time.LocalDateTime;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/**
 * The simulated WinThor database: one {@link Feed} per table, orders, branches and the API order log
 * (PCLOGPEDIDOAPI). Tests, the demo and the generator write here directly; the simulator serves it.
 */
public final class WinThorData {
    public final Feed<Department> departments = new Feed<>(d -> Long.toString(d.id()), Department::lastChange);
    public final Feed<Section> sections = new Feed<>(s -> Long.toString(s.id()), Section::lastChange);
    public final Feed<Category> categories = new Feed<>(Category::key, Category::lastChange);
    public final Feed<Brand> brands = new Feed<>(b -> Long.toString(b.id()), Brand::lastChange);
    public final Feed<Product> products = new Feed<>(p -> Long.toString(p.id()), Product::lastChange);
    /** Keyed by "codauxiliar-codprod@branch": PCEMBALAGEM's key is CODAUXILIAR + CODFILIAL. */
    public final Feed<Packaging> packagings = new Feed<>(p -> p.skuKey() + "@" + p.branchId(), Packaging::lastChange);
    public final Feed<Customer> customers = new Feed<>(c -> Long.toString(c.id()), Customer::lastChange);
    /** Keyed by "sku@branch". */
    public final Feed<StockItem> stock = new Feed<>(s -> s.skuKey() + "@" + s.branchId(), StockItem::lastChange);
    /** Keyed by "sku@branch@region"; price/list has no lastChange, so order is by key. */
    public final Feed<PriceItem> prices = new Feed<>(p -> p.skuKey() + "@" + p.branchId() + "@" + p.regionId(), p -> null);
    public final Map<String, String> branches = new ConcurrentHashMap<>();
    final Map<String, SimOrder> orders = new ConcurrentHashMap<>();
    final List<ApiOrderLog> apiOrderLog = new CopyOnWriteArrayList<>();
    final AtomicLong nextOrderNumber = new AtomicLong(500_001);
    /**
     * Whether orders are answered with the store references they were created with (orderIdMktplace, observation): no
     * public WTA response shows either, so a test can take them away.
     */
    volatile boolean echoesStoreReferences = true;
    /** Fields a list leaves out of every record, by request path: a WTA that does not send them. */
    final Map<String, Set<String>> fieldsLeftOut = new ConcurrentHashMap<>();
    final AtomicLong nextCustomerId = new AtomicLong(900_001);
    final AtomicLong nextInvoiceNumber = new AtomicLong(10_001);

    /** One line of PCLOGPEDIDOAPI: operation I(nsert)/A(lter)/C(ancel), status A(ccepted)/R(ejected). */
    public record ApiOrderLog(LocalDateTime at, String operation, String status, String orderId, String orderIdMktplace, String message) {
    }

    public List<ApiOrderLog> apiOrderLog() {
        return List.copyOf(apiOrderLog);
    }

    /** Every order as the WTA answers it (PCPEDC fields and PCPEDI items), by order number: what tests compare. */
    public List<com.fasterxml.jackson.databind.JsonNode> orderRecords() {
        return orders.values().stream().sorted(java.util.Comparator.comparingLong(o -> Long.parseLong(o.orderId)))
                .map(o -> (com.fasterxml.jackson.databind.JsonNode) com.winthorvd.shared.json.Json.MAPPER.valueToTree(o.json(true))).toList();
    }

    /** Moves an order to another customer, as an operator can in routine 316. */
    public void reassignOrder(String orderId, long customerId) {
        orders.get(orderId).customerId = customerId;
    }

    /** The same order typed again by hand (routine 316): same customer, branch, items and freight, no store references. */
    public String duplicateOrder(String orderId) {
        SimOrder o = orders.get(orderId);
        String id = Long.toString(nextOrderNumber.getAndIncrement());
        orders.put(id, new SimOrder(id, o.branchId, o.customerId, o.paymentPlanId, o.chargingId, o.saleType, o.sellerId, o.freight,
                null, null, o.lines, o.created));
        return id;
    }

    /** For each store order id (orderIdMktplace), when its WinThor orders arrived, in System.nanoTime(). */
    public Map<String, List<Long>> arrivalNanosByStoreOrder() {
        Map<String, List<Long>> out = new java.util.HashMap<>();
        orders.values().forEach(o -> out.computeIfAbsent(String.valueOf(o.orderIdMktplace), k -> new java.util.ArrayList<>()).add(o.arrivedNanos));
        return out;
    }

    public int orderCount() {
        return orders.size();
    }
}
