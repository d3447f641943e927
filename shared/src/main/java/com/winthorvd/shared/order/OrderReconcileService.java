package com.winthorvd.shared.order;

import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.run.ResumableScan;
import com.winthorvd.shared.run.RunLog;
import com.winthorvd.shared.run.RunStatus;
import com.winthorvd.shared.run.ScanResult;
import com.winthorvd.shared.state.StateTable;
import com.winthorvd.shared.store.StoreException;
import com.winthorvd.shared.store.StorePort;
import com.winthorvd.shared.store.StorePort.OrderEvent;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The safety net under the order hook: reads the store's orders feed, queues each change to a configured state with
 * the hook's deduplication id (so a change the hook already brought is not queued twice), and commits the feed's
 * handles only after the queue took them. A hook lost while anything was down is picked up here.
 */
public final class OrderReconcileService {
    public static final String FLOW = "order-reconcile";
    static final int LOT = 100;

    private final StorePort store;
    private final Set<String> states;
    private final Consumer<List<OrderChange>> queue;
    private final StateTable table;
    private final RunLog runLog;
    private final Clock clock;
    private final JsonLog log;

    public OrderReconcileService(StorePort store, Set<String> states, Consumer<List<OrderChange>> queue, StateTable table,
                                 RunLog runLog, Clock clock, JsonLog log) {
        this.store = store;
        this.states = states;
        this.queue = queue;
        this.table = table;
        this.runLog = runLog;
        this.clock = clock;
        this.log = log;
    }

    /** The store's feed is its own checkpoint: what was queued is committed, what was not is read again next run. */
    public ScanResult reconcile(Supplier<Duration> remaining) {
        return new ResumableScan(table, runLog, clock, FLOW).run(false, remaining, scan -> {
            try {
                while (scan.another()) {
                    List<OrderEvent> events = store.orderEvents(LOT);
                    if (events.isEmpty()) {
                        return RunStatus.COMPLETED;
                    }
                    List<OrderChange> changes = new ArrayList<>();
                    for (OrderEvent event : events) {
                        if (states.contains(event.state()) && event.lastChange() != null) {
                            changes.add(new OrderChange(event.orderId(), event.state(), event.lastChange()));
                        } else {
                            scan.count("order", "other_state", 1);
                        }
                    }
                    if (!changes.isEmpty()) {
                        queue.accept(changes); // throws if SQS did not take them: the handles stay uncommitted
                        scan.count("order", "queued", changes.size());
                    }
                    store.acknowledge(events.stream().map(OrderEvent::handle).toList());
                }
                return RunStatus.PARTIAL;
            } catch (StoreException e) {
                scan.error("orders feed: " + e.getMessage());
                log.warn("order-reconcile", "the store's orders feed could not be read or committed; the next run reads it again",
                        Map.of("error", e.getMessage()));
                return RunStatus.FAILED;
            }
        });
    }
}
