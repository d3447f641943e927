package com.winthorvd.shared.order;

import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort.OrderLine;
import com.winthorvd.shared.store.StorePort.StoreOrder;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.OrderRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * A store order as WinThor takes it, or the precise reason it cannot be: never a guess. Customer: the catalog flow's
 * mapping (the buyer's e-mail registered with the same CNPJ/CPF), else WinThor's customers with that CNPJ/CPF (one, or
 * rejected listing them). Items: RefId "codauxiliar-codprod" of a SKU the catalog synced; WinThor quantity = packs x
 * QTUNIT; unit price = the line's total (the store's price definition, in cents) / WinThor quantity, at scale 6.
 * Branch from the items' warehouses (one branch per order); payment from the configured table.
 */
public final class OrderMapper {
    /** Marks the order in WinThor's observation, to find it again when a create's outcome is unknown. */
    public static String marker(String storeOrderId) {
        return "VD:" + storeOrderId;
    }

    public sealed interface Result permits Mapped, Rejected {
    }

    public record Mapped(OrderRequest request) implements Result {
    }

    public record Rejected(Reason reason, List<String> params) implements Result, Buyer {
    }

    /** Who buys: the one WinThor customer, or why there is not exactly one. */
    private sealed interface Buyer permits Found, Rejected {
    }

    private record Found(Customer customer) implements Buyer {
    }

    private final OrderSettings settings;
    private final CatalogState catalog;
    private final WinThorApi winthor;

    public OrderMapper(OrderSettings settings, StateTable table, WinThorApi winthor) {
        this.settings = settings;
        this.catalog = new CatalogState(table);
        this.winthor = winthor;
    }

    public Result map(StoreOrder order) {
        String id = order.orderId();
        OrderSettings.Payment payment = settings.payments().get(order.paymentSystem());
        if (payment == null) {
            return new Rejected(Reason.ORDER_PAYMENT_NOT_MAPPED, List.of(id, String.valueOf(order.paymentSystem())));
        }
        Set<String> branches = new TreeSet<>();
        for (OrderLine line : order.lines()) {
            String branch = settings.branchOfWarehouse().get(line.warehouseId());
            if (branch == null) {
                return new Rejected(Reason.ORDER_UNKNOWN_WAREHOUSE, List.of(id, String.valueOf(line.warehouseId())));
            }
            branches.add(branch);
        }
        if (branches.size() != 1) {
            return new Rejected(Reason.ORDER_SPANS_BRANCHES, List.of(id, String.join(", ", branches)));
        }
        String branch = branches.iterator().next();
        List<OrderRequest.Item> items = new ArrayList<>();
        Map<String, Item> skus = catalog.table().batchGet(order.lines().stream().map(l -> CatalogState.skuMapKey(l.reference())).toList(),
                StateTable.Read.EVENTUAL);
        for (int i = 0; i < order.lines().size(); i++) {
            OrderLine line = order.lines().get(i);
            if (line.reference() == null || !line.reference().matches("\\d+-\\d+")
                    || CatalogState.storeSkuId(skus, line.reference()).isEmpty()) {
                return new Rejected(Reason.ORDER_UNKNOWN_SKU, List.of(id, String.valueOf(line.skuId()), String.valueOf(line.reference())));
            }
            BigDecimal quantity = BigDecimal.valueOf((long) line.quantity() * Math.max(1, line.unitMultiplier()));
            BigDecimal unitPrice = BigDecimal.valueOf(line.totalCents()).movePointLeft(2).divide(quantity, 6, RoundingMode.HALF_EVEN);
            items.add(new OrderRequest.Item(line.reference(), quantity, unitPrice, branch, i + 1));
        }
        Buyer buyer = buyer(order);
        if (buyer instanceof Rejected rejected) {
            return rejected;
        }
        Customer customer = ((Found) buyer).customer();
        return new Mapped(new OrderRequest(branch, customer.id(), payment.paymentPlanId(), payment.chargingId(), settings.saleType(),
                customer.sellerId(), BigDecimal.valueOf(order.shippingCents()).movePointLeft(2), settings.acceptWithoutTax(), id,
                marker(id), items));
    }

    private Buyer buyer(StoreOrder order) {
        String document = Customer.digits(order.customerDocument());
        Set<Long> mapped = new TreeSet<>();
        String email = CatalogState.emailKey(order.customerEmail());
        if (email != null) {
            catalog.customersWithEmail(email).forEach((key, registered) -> {
                if (Customer.digits(registered).equals(document)) {
                    mapped.add(Long.parseLong(key));
                }
            });
        }
        List<Customer> candidates = new ArrayList<>();
        if (mapped.size() == 1) {
            winthor.customer(mapped.iterator().next()).ifPresent(candidates::add);
        }
        if (candidates.isEmpty()) {
            candidates.addAll(winthor.customersWithDocument(document));
        }
        if (candidates.isEmpty()) {
            return new Rejected(Reason.ORDER_CUSTOMER_NOT_FOUND, List.of(order.orderId()));
        }
        if (candidates.size() > 1) {
            return new Rejected(Reason.ORDER_CUSTOMER_AMBIGUOUS, List.of(order.orderId(),
                    String.join(", ", candidates.stream().map(c -> Long.toString(c.id())).toList())));
        }
        return new Found(candidates.get(0));
    }
}
