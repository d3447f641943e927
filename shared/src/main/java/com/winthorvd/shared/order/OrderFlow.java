package com.winthorvd.shared.order;

import com.winthorvd.shared.app.ApplyContext;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.run.RunLog;
import java.time.Clock;
import java.util.LinkedHashSet;
import java.util.Set;

/** Builds the order services that talk to the store from a function's environment, once per container. */
public final class OrderFlow {
    private OrderFlow() {
    }

    /** The configured order states (ORDER_STATES), by default ready-for-handling and canceled. */
    static Set<String> states(ConfigReader config) {
        Set<String> states = new LinkedHashSet<>(config.list("ORDER_STATES"));
        if (states.isEmpty()) {
            states.addAll(OrderIntakeFlow.DEFAULT_STATES);
        }
        return states;
    }

    public static OrderReconcileService reconcile(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        String queueUrl = config.required("ORDER_QUEUE_URL", "the FIFO order queue");
        Set<String> states = states(config);
        ApplyContext context = ApplyContext.fromEnv(OrderReconcileService.FLOW, env, clock, config);
        return new OrderReconcileService(context.store, states,
                changes -> context.sender.send(queueUrl, changes.stream().map(OrderChange::message).toList()),
                context.table, new RunLog(context.table, clock), clock, context.log);
    }
}
