package com.winthorvd.orderstatus;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.order.OrderFlow;
import com.winthorvd.shared.order.OrderStatusService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/** EventBridge Scheduler (every 5 minutes) -> WinThor's invoices (NF-e) and cancellations to the store, each once. */
public final class OrderStatusHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final OrderStatusService service;

    public OrderStatusHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public OrderStatusHandler(Env env, Clock clock) {
        this.service = OrderFlow.status(env, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        return service.run(() -> Duration.ofMillis(context.getRemainingTimeInMillis())).output(OrderStatusService.FLOW);
    }
}
