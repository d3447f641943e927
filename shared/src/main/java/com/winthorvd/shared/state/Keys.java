package com.winthorvd.shared.state;

/**
 * The state table's key layout, in one place (see ARCHITECTURE.md). Singleton items use the sort key
 * {@link #ONE}; items written with a TTL carry it in {@link #TTL_ATTRIBUTE} (epoch seconds).
 */
public final class Keys {
    public static final String ONE = "#";
    public static final String TTL_ATTRIBUTE = "ttl";

    private Keys() {
    }

    public static String token(String system) {
        return "TOKEN#" + system;
    }

    /** The mapping of one ERP record to the store: {@code MAP#<entity>#<erpKey>}. */
    public static String map(String entity, String erpKey) {
        return "MAP#" + entity + "#" + erpKey;
    }

    /** What the stock flow last published for one SKU in one branch. */
    public static String stock(String skuKey, String branchId) {
        return "STOCK#" + skuKey + "@" + branchId;
    }

    /** What the price flow last published for one SKU, every price table of it in one item (a PUT replaces them all). */
    public static String price(String skuKey) {
        return "PRICE#" + skuKey;
    }

    /** One store order's path into WinThor: {@code ORDER#<storeOrderId>}. */
    public static String order(String storeOrderId) {
        return "ORDER#" + storeOrderId;
    }

    /** The store order id of an {@code ORDER#} key. */
    public static String storeOrderId(String orderKey) {
        return orderKey.substring("ORDER#".length());
    }

    /**
     * The rejected orders, a person's to fix ({@code order retry}): the partition of index gsi2 a REJECTED order is
     * in (sort key: when it was rejected, then its id) until it is sent again.
     */
    public static final String REJECTED_ORDERS = "ORDERS#REJECTED";

    /** The store orders first seen on a day (UTC), in index gsi3 (sort key: when, then the order id). */
    public static String ordersOn(java.time.LocalDate day) {
        return "ORDERDAY#" + day;
    }

    /** Packs of open store orders held in one branch (sk {@code <storeOrderId>#<skuKey>}): {@code RESERVED#<branch>}. */
    public static String reserved(String branchId) {
        return "RESERVED#" + branchId;
    }

    /** SKUs just created in the store whose stock (or price) the next scan reads directly: {@code PENDING#<flow>}. */
    public static String pending(String flow) {
        return "PENDING#" + flow;
    }

    public static String watermark(String feed) {
        return "WATERMARK#" + feed;
    }

    public static String lease(String flow) {
        return "LEASE#" + flow;
    }

    public static String checkpoint(String flow) {
        return "CHECKPOINT#" + flow;
    }

    public static String config(String flow) {
        return "CONFIG#" + flow;
    }

    /** Deactivations a full run held back for a person to confirm, one item per run and entity. */
    public static String held(String flow) {
        return "HELD#" + flow;
    }

    public static String run(String flow) {
        return "RUN#" + flow;
    }

    /** A WTA service's (or the store's) state as the health check last saw it, with its version events. */
    public static String service(String name) {
        return "SERVICE#" + name;
    }
}
