package com.winthorvd.shared.stock;

/**
 * Packs of store orders already created in WinThor and not yet invoiced, per SKU and branch: WinThor's available stock
 * already excludes them while the store still holds its own reservation until invoicing, so they are added back.
 * Read once per scan from {@link OpenOrderReservations}.
 */
@FunctionalInterface
public interface Reservations {
    long packs(String skuKey, String branchId);
}
