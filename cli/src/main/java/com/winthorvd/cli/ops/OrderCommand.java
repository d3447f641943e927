package com.winthorvd.cli.ops;

import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderAdmin;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code order show <id>} and {@code order retry <id>} against a deployed stack (by its name, or its state table and
 * order queue; AWS credentials from the environment): an order's path and state, and a rejected order sent again once
 * fixed.
 */
public final class OrderCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    public OrderCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    @Command(name = "show", description = "Where a store order stands: status (RECEIVED, CREATING, UNKNOWN_OUTCOME, ERP_CREATED,"
            + " HANDLING_STARTED, REJECTED, CANCELLED), WinThor order number (NUMPED), reason with its routine.")
    public final class ShowCommand implements Callable<Integer> {
        @Mixin OrderTarget target;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            String id = target.order;
            var shown = new OrderAdmin(target.resolve(env, false).table(), change -> {
                throw new IllegalStateException("show queues nothing");
            }, Clock.systemUTC()).show(id);
            if (shown.isEmpty()) {
                String message = "order " + id + ": not seen by the integration (no hook and no feed entry reached it yet)";
                out.println(json.on() ? Json.write(Map.of("order", id, "status", "NOT_SEEN", "message", message)) : message);
                return 1;
            }
            if (json.on()) {
                out.println(Json.write(shown.get()));
            } else {
                shown.get().forEach((k, v) -> out.printf("  %-13s %s%n", k, v));
            }
            return 0;
        }
    }

    @Command(name = "retry", description = "Queues a REJECTED order again once its cause is fixed (AWS credentials from the environment).")
    public final class RetryCommand implements Callable<Integer> {
        @Mixin OrderTarget target;
        @Mixin JsonOutput json;

        @Override
        public Integer call() {
            String id = target.order;
            OrderTarget.Resolved stack = target.resolve(env, true);
            boolean queued = new OrderAdmin(stack.table(), change -> stack.sender().send(stack.queueUrl(), List.of(change.message())),
                    Clock.systemUTC()).retry(id);
            String message = queued ? "order " + id + " sent again: pushed with the store's current status (or, for a refused invoice, sent"
                    + " by the next status run)" : "order " + id + " is not a REJECTED order that can be sent again: left as it is (order show "
                    + id + " tells where it stands and why)";
            out.println(json.on() ? Json.write(Map.of("order", id, "queued", queued, "message", message)) : message);
            return queued ? 0 : 1;
        }
    }
}
