package com.winthorvd.testkit.sim;

import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * One WinThor table as the simulator keeps it: records by key, served in {@code lastChange} order (then key) so
 * paging is stable, with a sorted snapshot rebuilt only after a change and a binary search for {@code lastChange}.
 */
public final class Feed<T> {
    private final Map<String, T> byKey = new LinkedHashMap<>();
    private final Function<T, String> key;
    private final Function<T, LocalDateTime> lastChange;
    private Object[] sorted;

    Feed(Function<T, String> key, Function<T, LocalDateTime> lastChange) {
        this.key = key;
        this.lastChange = lastChange;
    }

    public synchronized void put(T record) {
        byKey.put(key.apply(record), record);
        sorted = null;
    }

    public synchronized T get(String recordKey) {
        return byKey.get(recordKey);
    }

    public synchronized int size() {
        return byKey.size();
    }

    public synchronized List<T> all() {
        return new ArrayList<>(byKey.values());
    }

    private static final LocalDateTime NO_DATE = LocalDateTime.of(1900, 1, 1, 0, 0);

    private LocalDateTime changed(T record) {
        LocalDateTime date = lastChange.apply(record);
        return date == null ? NO_DATE : date;
    }

    @SuppressWarnings("unchecked")
    private synchronized T[] snapshot() {
        if (sorted == null) {
            Object[] records = byKey.values().toArray();
            Comparator<Object> order = Comparator.comparing(r -> changed((T) r));
            // Shorter keys first, then by text: numeric ids come in numeric order, any key in a stable one.
            Arrays.sort(records, order.thenComparing(r -> key.apply((T) r).length()).thenComparing(r -> key.apply((T) r)));
            sorted = records;
        }
        return (T[]) sorted;
    }

    /** A page (1-based) of the records changed at or after {@code since} that pass the filter. */
    Page<T> page(LocalDateTime since, Predicate<T> filter, int page, int pageSize) {
        T[] records = snapshot();
        int start = 0;
        if (since != null) {
            int low = 0;
            int high = records.length;
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (changed(records[mid]).isBefore(since)) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            start = low;
        }
        List<T> items = new ArrayList<>(Math.min(pageSize, 1000));
        int skip = (page - 1) * pageSize;
        boolean more = false;
        for (int i = start; i < records.length; i++) {
            if (filter.test(records[i])) {
                if (skip > 0) {
                    skip--;
                } else if (items.size() < pageSize) {
                    items.add(records[i]);
                } else {
                    more = true;
                    break;
                }
            }
        }
        return new Page<>(items, more);
    }

    record Page<T>(List<T> items, boolean hasNext) {
    }
}
