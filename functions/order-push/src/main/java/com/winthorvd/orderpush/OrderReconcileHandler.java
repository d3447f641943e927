package com.winthorvd.orderpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.order.OrderFlow;
import com.winthorvd.shared.order.OrderReconcileService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** EventBridge Scheduler (every 5 minutes) -> the store's orders feed onto the order queue, then its handles committed. */
public final class OrderReconcileHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final OrderReconcileService service;

    public OrderReconcileHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public OrderReconcileHandler(Env env, Clock clock) {
        this.service = OrderFlow.reconcile(env, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        return service.reconcile(() -> Duration.ofMillis(context.getRemainingTimeInMillis())).output(OrderReconcileService.FLOW);
    }
}
