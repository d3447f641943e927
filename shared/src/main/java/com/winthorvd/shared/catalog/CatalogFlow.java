package com.winthorvd.shared.catalog;

import com.winthorvd.shared.app.ApplyContext;
import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.winthor.WinThorApi;
import java.time.Clock;
import java.time.Duration;

/** Builds the catalog services from a function's environment, once per container; no network I/O here. */
public final class CatalogFlow {
    private CatalogFlow() {
    }

    public static CatalogScanService scan(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        CatalogSettings settings = CatalogSettings.read(config);
        DeactivationLimit limit = DeactivationLimit.read(config);
        java.time.ZoneId zone = com.winthorvd.shared.winthor.WinThorSettings.zone(config);
        FlowContext context = FlowContext.fromEnv(CatalogScanService.FLOW, env, clock, config);
        return new CatalogScanService(settings, new WinThorApi(context.winthor, settings.pageSize()), new CatalogState(context.table),
                CatalogQueue.sqs(QueueSender.of(context.aws), settings.queueUrl()), context.runLog, clock, zone, context.log, limit);
    }

    /** The apply service and the batch processor its handler runs it in (sharing one SQS client). */
    public record Apply(CatalogApplyService service, BatchProcessor processor) {
    }

    /** The apply side needs no WinThor access: the record travels in the message. */
    public static Apply apply(Env env, Clock clock) {
        return apply(env, clock, com.winthorvd.shared.util.Sleeper.REAL);
    }

    /** @param sleeper the apply's pause while a parent is not decided yet (a test's does what the other container would) */
    public static Apply apply(Env env, Clock clock, com.winthorvd.shared.util.Sleeper sleeper) {
        ConfigReader config = new ConfigReader(env);
        Duration claimHold = config.claimHold();
        CatalogSettings settings = CatalogSettings.read(config);
        ApplyContext context = ApplyContext.fromEnv("catalog-apply", env, clock, config);
        CatalogApplyService service = new CatalogApplyService(settings, new CatalogState(context.table), context.store,
                CatalogQueue.sqs(context.sender, settings.queueUrl()), clock, context.log, claimHold, sleeper);
        return new Apply(service, context.processor);
    }
}
