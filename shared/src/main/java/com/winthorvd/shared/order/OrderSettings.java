package com.winthorvd.shared.order;

import com.winthorvd.shared.config.Branches;
import com.winthorvd.shared.config.ConfigReader;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The order push's configuration: the branches (WINTHOR_BRANCHES) and each one's store warehouse (STOCK_WAREHOUSES,
 * the stock flow's map read the other way: an item's warehouse says its branch), the store payment system of each
 * (CODCOB, CODPLPAG) pair (ORDER_PAYMENTS {@code name=CODCOB/CODPLPAG}), the sale type (ORDER_SALE_TYPE, 1 = normal),
 * the order origin (ORDER_SALE_ORIGIN, ORIGEMPED; "R" as TOTVS's own order layout sends), whether WinThor may take an
 * order without its taxes computed (ORDER_ACCEPT_WITHOUT_TAX), and WinThor's time zone (WINTHOR_TIME_ZONE), in which
 * its orders' dates are written.
 */
public record OrderSettings(List<String> branches, Map<String, String> branchOfWarehouse, Map<String, Payment> payments,
                            int saleType, String saleOrigin, boolean acceptWithoutTax, java.time.ZoneId zone) {
    /** How WinThor charges an order: charging code (CODCOB) and payment plan (CODPLPAG). */
    public record Payment(String chargingId, long paymentPlanId) {
    }

    public static OrderSettings read(ConfigReader config) {
        List<String> branches = Branches.list(config);
        Map<String, String> branchOf = new LinkedHashMap<>();
        Branches.warehouses(config, branches).forEach((branch, warehouse) -> branchOf.put(warehouse, branch));
        Map<String, Payment> payments = new LinkedHashMap<>();
        config.pairs("ORDER_PAYMENTS").forEach((name, value) -> {
            String[] parts = value.split("/");
            try {
                if (parts.length != 2 || parts[0].isBlank()) {
                    throw new NumberFormatException();
                }
                payments.put(name, new Payment(parts[0].trim(), Long.parseLong(parts[1].trim())));
            } catch (NumberFormatException e) {
                config.problem("ORDER_PAYMENTS: '" + name + "=" + value + "' is not payment=CODCOB/CODPLPAG (e.g. Boleto Bancário=BK/12)");
            }
        });
        return new OrderSettings(branches, branchOf, payments, config.integer("ORDER_SALE_TYPE", 1, 1, 99),
                config.optional("ORDER_SALE_ORIGIN", "R"), Boolean.parseBoolean(config.optional("ORDER_ACCEPT_WITHOUT_TAX", "false")),
                com.winthorvd.shared.winthor.WinThorSettings.zone(config));
    }
}
