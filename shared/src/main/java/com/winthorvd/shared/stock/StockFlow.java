package com.winthorvd.shared.stock;

import com.winthorvd.shared.app.ApplyContext;
import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.OutgoingMessage;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.winthor.WinThorApi;
import java.time.Clock;
import java.time.Duration;

/** Builds the stock services from a function's environment, once per container; no network I/O here. */
public final class StockFlow {
    private StockFlow() {
    }

    public static StockScanService scan(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        StockSettings settings = StockSettings.read(config);
        java.time.ZoneId zone = com.winthorvd.shared.winthor.WinThorSettings.zone(config);
        FlowContext context = FlowContext.fromEnv(StockScanService.FLOW, env, clock, config);
        QueueSender sender = QueueSender.of(context.aws);
        return new StockScanService(settings, new WinThorApi(context.winthor, settings.pageSize()), context.table,
                messages -> sender.send(settings.queueUrl(), messages.stream().map(m -> OutgoingMessage.standard(m.toJson())).toList()),
                context.runLog, () -> OpenOrderReservations.load(context.table, settings.branches()), clock, zone, context.log);
    }

    /** The apply service and the batch processor its handler runs it in. */
    public record Apply(StockApplyService service, BatchProcessor processor) {
    }

    public static Apply apply(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        Duration claimHold = config.claimHold();
        ApplyContext context = ApplyContext.fromEnv("stock-apply", env, clock, config);
        return new Apply(new StockApplyService(context.table, context.store, clock, context.log, claimHold), context.processor);
    }
}
