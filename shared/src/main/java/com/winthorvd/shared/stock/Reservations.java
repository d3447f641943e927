package com.winthorvd.shared.stock;

/**
 * Packs of store orders already created in WinThor and not yet invoiced, per SKU and branch: WinThor's available stock
 * already excludes them while the store still holds its own reservation until invoicing, so they are added back.
 * The order flow records them; until it exists there are none.
 */
@FunctionalInterface
public interface Reservations {
    Reservations NONE = (sku, branch) -> 0;

    long packs(String skuKey, String branchId);
}
