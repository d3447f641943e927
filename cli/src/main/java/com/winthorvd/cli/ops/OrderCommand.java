package com.winthorvd.cli.ops;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderAdmin;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.state.StateTable;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.Map;

/**
 * {@code order show <id>} and {@code order retry <id>} against a deployed stack (its state table and order queue, AWS
 * credentials from the environment): an order's path and state, and a rejected order sent again once fixed.
 */
public final class OrderCommand {
    private final PrintStream out;
    private final Map<String, String> env;

    public OrderCommand(PrintStream out, Map<String, String> env) {
        this.out = out;
        this.env = env;
    }

    public int run(Args args) {
        List<String> positionals = args.positionals();
        if (positionals.size() != 2 || !List.of("show", "retry").contains(positionals.get(0))) {
            throw new Args.UsageException("order needs: show <store order id>, or retry <store order id>");
        }
        String table = args.option("table").orElseThrow(() -> new Args.UsageException("order needs --table <state table name>"));
        AwsClients aws = new AwsClients(Env.of(env));
        StateTable state = StackTable.open(aws, table);
        String id = positionals.get(1);
        if (positionals.get(0).equals("show")) {
            var shown = new OrderAdmin(state, change -> {
                throw new IllegalStateException("show queues nothing");
            }, Clock.systemUTC()).show(id);
            if (shown.isEmpty()) {
                out.println("order " + id + ": not seen by the integration (no hook and no feed entry reached it yet)");
                return 1;
            }
            if (args.flag("json")) {
                out.println(Json.write(shown.get()));
            } else {
                shown.get().forEach((k, v) -> out.printf("  %-13s %s%n", k, v));
            }
            return 0;
        }
        String queueUrl = args.option("queue-url").orElseThrow(() -> new Args.UsageException("order retry needs --queue-url <the stack's order queue>"));
        QueueSender sender = QueueSender.of(aws);
        boolean queued = new OrderAdmin(state, change -> sender.send(queueUrl, List.of(change.message())), Clock.systemUTC()).retry(id);
        out.println(queued ? "order " + id + " sent again: pushed with the store's current status (or, for a refused invoice, sent"
                + " by the next status run)" : "order " + id + " is not a REJECTED order that can be sent again: left as it is (order show "
                + id + " tells where it stands and why)");
        return queued ? 0 : 1;
    }
}
