package com.winthorvd.testkit.sim;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Faults armed per endpoint: "METHOD /path" (an exact path, or a prefix ending in "*"). Each armed fault fires
 * on the next matching requests, once per arming, or on every request while {@link #always} holds.
 */
public final class FaultPlan {
    private final Map<String, Deque<Fault>> queued = new ConcurrentHashMap<>();
    private final Map<String, Fault> always = new ConcurrentHashMap<>();

    /** The next {@code times} requests matching the endpoint get the fault. */
    public void next(String endpoint, Fault fault, int times) {
        Deque<Fault> faults = queued.computeIfAbsent(endpoint, k -> new ArrayDeque<>());
        synchronized (faults) {
            for (int i = 0; i < times; i++) {
                faults.add(fault);
            }
        }
    }

    /** Every request matching the endpoint gets the fault until {@link #clear}. */
    public void always(String endpoint, Fault fault) {
        always.put(endpoint, fault);
    }

    public void clear() {
        queued.clear();
        always.clear();
    }

    /** The fault to inject for this request, if any (consumes one armed fault). */
    Fault take(String method, String path) {
        String key = method + " " + path;
        for (Map.Entry<String, Deque<Fault>> entry : queued.entrySet()) {
            if (matches(entry.getKey(), key)) {
                Deque<Fault> faults = entry.getValue();
                synchronized (faults) {
                    Fault fault = faults.poll();
                    if (fault != null) {
                        return fault;
                    }
                }
            }
        }
        for (Map.Entry<String, Fault> entry : always.entrySet()) {
            if (matches(entry.getKey(), key)) {
                return entry.getValue();
            }
        }
        return null;
    }

    private static boolean matches(String pattern, String key) {
        if (pattern.endsWith("*")) {
            String prefix = pattern.substring(0, pattern.length() - 1);
            return key.startsWith(prefix) || ("* " + key.substring(key.indexOf(' ') + 1)).startsWith(prefix);
        }
        return pattern.equals(key) || pattern.equals("* " + key.substring(key.indexOf(' ') + 1));
    }
}
