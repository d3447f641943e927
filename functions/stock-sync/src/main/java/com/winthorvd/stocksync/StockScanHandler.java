package com.winthorvd.stocksync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.stock.StockFlow;
import com.winthorvd.shared.stock.StockScanService;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * EventBridge Scheduler -> stock queued for the store: every minute the rows changed since the watermark, nightly
 * ({@code mode: full}) every row compared with what the store confirmed.
 */
public final class StockScanHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final StockScanService service;

    public StockScanHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public StockScanHandler(Env env, Clock clock) {
        this.service = StockFlow.scan(env, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        return service.scan(input.full(), () -> Duration.ofMillis(context.getRemainingTimeInMillis())).output(StockScanService.FLOW);
    }
}
