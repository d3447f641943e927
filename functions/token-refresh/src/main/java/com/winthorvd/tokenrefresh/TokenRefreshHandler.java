package com.winthorvd.tokenrefresh;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.run.RunRecord;
import com.winthorvd.shared.token.TokenRefreshService;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Map;

/** EventBridge Scheduler -> renew the WinThor token at 75% of its lifetime. */
public final class TokenRefreshHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final TokenRefreshService service;

    /** Lambda's constructor: configuration from the process environment, once per container. */
    public TokenRefreshHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    /** The local runner's constructor: the environment from this function's template entry, and its clock. */
    public TokenRefreshHandler(Env env, Clock clock) {
        this(service(FlowContext.fromEnv(TokenRefreshService.FLOW, env, clock)));
    }

    public TokenRefreshHandler(TokenRefreshService service) {
        this.service = service;
    }

    private static TokenRefreshService service(FlowContext context) {
        return new TokenRefreshService(context.tokens, context.runLog, context.log);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        RunRecord run = context == null ? service.refresh() : com.winthorvd.shared.util.Deadline.within(
                () -> java.time.Duration.ofMillis(context.getRemainingTimeInMillis()), service::refresh);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", run.flow());
        out.put("runId", run.runId());
        out.put("status", run.status());
        out.put("counts", run.counts());
        out.put("tokenExpiresAt", run.watermarkAfter());
        return out;
    }
}
