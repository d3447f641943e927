package com.winthorvd.pricesync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.price.PriceFlow;
import com.winthorvd.shared.price.PriceScanService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * EventBridge Scheduler -> one price scan: the full read of every branch and region (mode "full", every 30 minutes by
 * default), or only the products of SKUs the catalog flow just created (every minute).
 */
public final class PriceScanHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final PriceScanService service;

    public PriceScanHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public PriceScanHandler(Env env, Clock clock) {
        this.service = PriceFlow.scan(env, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        return service.scan(input != null && input.full(), () -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                .output(PriceScanService.FLOW);
    }
}
