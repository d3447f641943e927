package com.winthorvd.catalogsync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.catalog.CatalogFlow;
import com.winthorvd.shared.catalog.CatalogScanService;
import com.winthorvd.shared.config.Env;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;

/**
 * EventBridge Scheduler -> one catalog scan: incremental every 15 minutes, full nightly (the schedule's Input says
 * which). A scan that runs short of time saves a checkpoint; the next invocation, of either schedule, resumes it.
 */
public final class CatalogScanHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final CatalogScanService service;

    public CatalogScanHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public CatalogScanHandler(Env env, Clock clock) {
        this(CatalogFlow.scan(env, clock));
    }

    public CatalogScanHandler(CatalogScanService service) {
        this.service = service;
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        return service.scan(input != null && input.full(), () -> Duration.ofMillis(context.getRemainingTimeInMillis()))
                .output(CatalogScanService.FLOW);
    }
}
