package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

/** A scan whose read takes {@link #firingsNeeded} invocations: PARTIAL until the last, then COMPLETED. */
public final class ResumingScanHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    static final AtomicInteger fired = new AtomicInteger();
    static volatile int firingsNeeded = 1;

    public ResumingScanHandler(Env env, Clock clock) {
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        int firing = fired.incrementAndGet();
        return Map.of("status", firing < firingsNeeded ? "PARTIAL" : "COMPLETED", "firing", firing);
    }
}
