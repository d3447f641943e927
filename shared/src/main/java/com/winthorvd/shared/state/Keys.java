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

    public static String run(String flow) {
        return "RUN#" + flow;
    }
}
