package com.winthorvd.cli.ops;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.state.StateTable;
import java.util.Map;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * Which order an order command acts on, and where: a stack by its name (as status, explain and redrive take it), or its state table and
 * order queue named directly (--table, --queue-url: a stack whose resources the user may not list).
 */
public final class OrderTarget {
    @Parameters(paramLabel = "ORDER", description = "The store order id.")
    String order;

    @Option(names = "--stack", paramLabel = "STACK", description = "A deployed stack's name, or the one ./winthor-vd local up printed.")
    String stack;

    @Option(names = "--table", paramLabel = "STATE_TABLE", description = "The stack's state table (instead of --stack).")
    String table;

    @Option(names = "--queue-url", paramLabel = "URL", description = "The stack's order queue, for retry (instead of --stack).")
    String queueUrl;

    /** The state table, and the order queue when {@code withQueue}; AWS credentials from the usual chain. */
    Resolved resolve(Map<String, String> env, boolean withQueue) {
        if (stack != null) {
            StackResources resources = StackResources.resolve(stack, env);
            return new Resolved(resources.stateTable(), withQueue ? QueueSender.of(resources.aws()) : null,
                    withQueue ? resources.physicalId("OrderQueue") : null);
        }
        if (table == null || withQueue && queueUrl == null) {
            throw new UsageException("needs --stack <stack name>, or --table <state table>" + (withQueue ? " and --queue-url <order queue>" : ""));
        }
        AwsClients aws = new AwsClients(Env.of(env));
        return new Resolved(StackTable.open(aws, table), withQueue ? QueueSender.of(aws) : null, queueUrl);
    }

    record Resolved(StateTable table, QueueSender sender, String queueUrl) {
    }
}
