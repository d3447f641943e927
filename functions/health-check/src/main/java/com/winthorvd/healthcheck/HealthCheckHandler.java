package com.winthorvd.healthcheck;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.app.SecretReader;
import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Branches;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.health.HealthService;
import com.winthorvd.shared.store.StoreCheck;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.util.Deadline;
import com.winthorvd.shared.winthor.WtaCheck;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** EventBridge Scheduler -> routine 812's check of WinThor's services and the store, every 5 minutes. */
public final class HealthCheckHandler implements RequestHandler<ScheduledInput, Map<String, Object>> {
    private final HealthService service;

    /** Lambda's constructor: configuration from the process environment, once per container. */
    public HealthCheckHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    /** The local runner's constructor: the environment from this function's template entry, and its clock. */
    public HealthCheckHandler(Env env, Clock clock) {
        this(service(env, clock));
    }

    public HealthCheckHandler(HealthService service) {
        this.service = service;
    }

    private static HealthService service(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        List<String> branches = Branches.list(config);
        Map<String, String> warehouses = Branches.warehouses(config, branches);
        StoreSettings store = StoreSettings.read(config, new SecretReader(new AwsClients(env)), clock);
        FlowContext context = FlowContext.fromEnv(HealthService.FLOW, env, clock, config);
        return new HealthService(new WtaCheck(context.winthorSettings.http()), context.winthorSettings.user(), context.tokens, branches, new StoreCheck(store.store()), warehouses,
                context.table, context.runLog, context.log, clock);
    }

    @Override
    public Map<String, Object> handleRequest(ScheduledInput input, Context context) {
        HealthService.Report report = context == null ? service.check()
                : Deadline.within(() -> Duration.ofMillis(context.getRemainingTimeInMillis()), service::check);
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("flow", HealthService.FLOW);
        out.put("healthy", report.healthy());
        out.put("login", report.loginAccepted() ? "accepted" : report.loginDetail());
        Map<String, Object> services = new LinkedHashMap<>();
        report.services().forEach(s -> services.put(s.name(), s.online() ? "online " + s.version() : "offline: " + s.detail()));
        out.put("services", services);
        out.put("runId", report.run().runId());
        return out;
    }
}
