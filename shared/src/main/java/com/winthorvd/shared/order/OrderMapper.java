package com.winthorvd.shared.order;

import com.winthorvd.shared.catalog.CatalogState;
import com.winthorvd.shared.state.Item;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StorePort.CustomerAddress;
import com.winthorvd.shared.store.StorePort.OrderLine;
import com.winthorvd.shared.store.StorePort.StoreOrder;
import com.winthorvd.shared.store.StorePort.Buyer;
import com.winthorvd.shared.sync.Reason;
import com.winthorvd.shared.winthor.WinThorApi;
import com.winthorvd.shared.winthor.WinThorException;
import com.winthorvd.shared.winthor.model.Customer;
import com.winthorvd.shared.winthor.model.OrderRequest;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * A store order as WinThor takes it, or the precise reason it cannot be: never a guess. Customer: the catalog flow's
 * mapping (the buyer's e-mail registered with the same CNPJ/CPF), else WinThor's customers with that CNPJ/CPF and
 * state inscription (one, or rejected listing them), else a buyer to register in WinThor from the order's profile.
 * Items: RefId "codauxiliar-codprod" of a SKU the catalog synced; WinThor quantity = packs x QTUNIT; unit price = the
 * line's total (the store's price definition, in cents) / WinThor quantity, at scale 6. Branch from the items'
 * warehouses (one branch per order); payment from the configured table. {@link #map} only reads: registering a buyer
 * is {@link #register}, the create path's own explicit step.
 */
public final class OrderMapper {
    /** WinThor's code of Brazil (BACEN 1058), TDN's countryId. */
    static final int BRAZIL = 1058;

    /** Marks the order in WinThor's observation, to find it again when a create's outcome is unknown. */
    public static String marker(String storeOrderId) {
        return "VD:" + storeOrderId;
    }

    public sealed interface Result permits Mapped, Rejected, Unregistered {
    }

    public record Mapped(OrderRequest request) implements Result {
    }

    public record Rejected(Reason reason, List<String> params) implements Result, Customership {
    }

    /** Everything but the buyer, who is not a WinThor customer yet and has what it takes to be registered. */
    public record Unregistered(Draft draft, Buyer buyer, String document, String inscription) implements Result, Customership {
    }

    /** The order's branch, payment, freight and items, before its customer is known. */
    public record Draft(String orderId, String branch, OrderSettings.Payment payment, BigDecimal shipping, List<OrderRequest.Item> items) {
    }

    /** Who buys: the one WinThor customer, one to register, or why there is not exactly one. */
    private sealed interface Customership permits Found, Rejected, Unregistered {
    }

    private record Found(Customer customer) implements Customership {
    }

    private final OrderSettings settings;
    private final CatalogState catalog;
    private final WinThorApi winthor;
    private final java.time.Clock clock;

    /** @param clock the order's date in WinThor (createData) is the time it is mapped, on WinThor's clock */
    public OrderMapper(OrderSettings settings, StateTable table, WinThorApi winthor, java.time.Clock clock) {
        this.settings = settings;
        this.catalog = new CatalogState(table);
        this.winthor = winthor;
        this.clock = clock;
    }

    /** Maps the order reading WinThor and the state only; nothing is written anywhere. */
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
        Draft draft = new Draft(id, branch, payment, BigDecimal.valueOf(order.shippingCents()).movePointLeft(2), items);
        Customership buyer = customer(order, draft);
        if (buyer instanceof Found found) {
            return mapped(draft, found.customer());
        }
        return (Result) buyer;
    }

    private Mapped mapped(Draft draft, Customer customer) {
        return new Mapped(new OrderRequest(draft.branch(), customer.id(), draft.payment().paymentPlanId(), draft.payment().chargingId(),
                settings.saleType(), settings.saleOrigin(), LocalDateTime.now(clock.withZone(settings.zone())).withNano(0), customer.sellerId(), draft.shipping(), settings.acceptWithoutTax(), draft.orderId(),
                marker(draft.orderId()), draft.items()));
    }

    private Customership customer(StoreOrder order, Draft draft) {
        Buyer who = order.buyer();
        String document = Customer.digits(who.document());
        if (document == null || document.isEmpty()) {
            return new Rejected(Reason.ORDER_CUSTOMER_NOT_FOUND, List.of(order.orderId(), "CNPJ/CPF"));
        }
        Set<Long> mapped = new TreeSet<>();
        String email = CatalogState.emailKey(who.email());
        if (email != null) {
            String documentKey = CatalogState.documentKey(document);
            catalog.customersWithEmail(email).forEach((key, registered) -> {
                if (documentKey.equals(registered)) {
                    mapped.add(Long.parseLong(key));
                }
            });
        }
        if (mapped.size() == 1) {
            Optional<Customer> customer = winthor.customer(mapped.iterator().next());
            if (customer.isPresent()) {
                return new Found(customer.get());
            }
        }
        // A profile without an inscription matches on the document alone; one with it, on both (ISENTO normalised),
        // as WinThor itself keys customers: a new inscription is a new customer.
        boolean inscriptionGiven = who.stateInscription() != null && !who.stateInscription().isBlank();
        List<Customer> candidates = inscriptionGiven ? winthor.customersByDocument(document, who.stateInscription())
                : winthor.customersWithDocument(document);
        if (candidates.size() > 1) {
            return new Rejected(Reason.ORDER_CUSTOMER_AMBIGUOUS, List.of(order.orderId(),
                    String.join(", ", candidates.stream().map(c -> Long.toString(c.id())).toList())));
        }
        if (candidates.size() == 1) {
            return new Found(candidates.get(0));
        }
        List<String> missing = missingForRegistration(who);
        if (!missing.isEmpty()) {
            return new Rejected(Reason.ORDER_CUSTOMER_NOT_FOUND, List.of(order.orderId(), String.join(", ", missing)));
        }
        return new Unregistered(draft, who, document, Customer.normalizeStateInscription(who.stateInscription()));
    }

    private static List<String> missingForRegistration(Buyer who) {
        CustomerAddress address = who.address();
        List<String> missing = new ArrayList<>();
        if (who.name() == null || who.name().isBlank()) {
            missing.add("nome/razão social");
        }
        if (who.email() == null || who.email().isBlank()) {
            missing.add("e-mail");
        }
        if (address == null || address.postalCode() == null || address.street() == null || address.city() == null || address.state() == null) {
            missing.add("endereço de entrega com CEP");
        }
        return missing;
    }

    /**
     * Registers a buyer WinThor does not know ({@code customerOrigin=VT}) from the order's profile and delivery address,
     * and maps the order to them. Safe to repeat: WinThor updates the customer with the same CNPJ/CPF and inscription
     * instead of adding one.
     */
    public Result register(Unregistered unregistered) {
        Buyer who = unregistered.buyer();
        CustomerAddress address = who.address();
        String document = unregistered.document();
        String inscription = unregistered.inscription();
        String branch = unregistered.draft().branch();
        Map<String, Object> customer = new LinkedHashMap<>();
        customer.put("name", who.name());
        if (who.tradeName() != null) {
            customer.put("tradeName", who.tradeName());
        }
        customer.put("personIdentificationNumber", document);
        customer.put("stateInscription", inscription);
        customer.put("corporate", document.length() == 14); // a boolean in TDN's table: true = legal person (CNPJ)
        customer.put("email", who.email());
        if (who.phone() != null) {
            customer.put("corporatePhone", who.phone());
        }
        customer.put("branchParameterId", branch); // the branch whose parameters govern the record (no branchId in TDN)
        customer.put("countryId", BRAZIL);
        // Routine 302's mandatory address, under TDN's names: the commercial one (the API takes the city from its CEP)
        // and the billing one (required), both the store's delivery address.
        String zip = Customer.digits(address.postalCode());
        customer.put("commercialAddress", address.street());
        customer.put("commercialAddressNumber", address.number());
        customer.put("complementBusinessAddress", address.complement());
        customer.put("businessDistrict", address.neighborhood());
        customer.put("businessCity", address.city());
        customer.put("businessState", address.state());
        customer.put("commercialZipCode", zip);
        customer.put("billingAddress", address.street());
        customer.put("billingAddressNumber", address.number());
        customer.put("billingDistrict", address.neighborhood());
        customer.put("billingState", address.state());
        customer.put("billingZipCode", zip);
        try {
            return mapped(unregistered.draft(), winthor.saveCustomer(customer));
        } catch (WinThorException e) {
            if (e.isTransient()) {
                throw e;
            }
            return new Rejected(Reason.ORDER_CUSTOMER_NOT_CREATED, List.of(unregistered.draft().orderId(), e.getMessage()));
        }
    }
}
