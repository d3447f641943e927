package com.winthorvd.shared.store;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Checks what the stock flow needs of the store before it runs: the store answers with these credentials, and the
 * warehouse of every configured branch exists (a real store's warehouses are created by its owner, never by the
 * integration).
 */
public final class StoreCheck {
    /** One branch's warehouse: present in the store or not. */
    public record WarehouseStatus(String branch, String warehouse, boolean present) {
    }

    public record Report(boolean reachable, String detail, List<WarehouseStatus> warehouses) {
        public boolean ok() {
            return reachable && warehouses.stream().allMatch(WarehouseStatus::present);
        }
    }

    private final StorePort store;

    public StoreCheck(StorePort store) {
        this.store = store;
    }

    /** {@code branchWarehouses}: branch -> the store warehouse its stock goes to. */
    public Report run(Map<String, String> branchWarehouses) {
        Set<String> existing;
        try {
            existing = store.warehouses().stream().map(StorePort.Warehouse::id).collect(Collectors.toSet());
        } catch (StoreException e) {
            String hint = e.status() == 401 || e.status() == 403
                    ? "the AppKey/AppToken were refused: check them and the key's role (Logistics and Pricing access)"
                    : "the store did not answer the warehouse list: " + e.getMessage();
            return new Report(false, hint, List.of());
        }
        List<WarehouseStatus> statuses = new ArrayList<>();
        new LinkedHashMap<>(branchWarehouses).forEach((branch, warehouse) ->
                statuses.add(new WarehouseStatus(branch, warehouse, existing.contains(warehouse))));
        return new Report(true, existing.size() + " warehouse(s) in the store", statuses);
    }
}
