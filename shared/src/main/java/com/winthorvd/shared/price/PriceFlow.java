package com.winthorvd.shared.price;

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
import java.time.ZoneId;

/** Builds the price services from a function's environment, once per container; no network I/O here. */
public final class PriceFlow {
    private PriceFlow() {
    }

    public static PriceScanService scan(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        PriceSettings settings = PriceSettings.read(config);
        FlowContext context = FlowContext.fromEnv(PriceScanService.FLOW, env, clock, config);
        QueueSender sender = QueueSender.of(context.aws);
        // FIFO, one group per SKU: a base price PUT replaces every fixed price of its SKU, so no two writes of one
        // SKU's prices may interleave. The deduplication id makes a re-sent message (a resumed scan) a no-op.
        return new PriceScanService(settings, new WinThorApi(context.winthor, config.integer("PRICE_PAGE_SIZE", PriceSettings.PAGE_SIZE, 10, 1000)), context.table,
                messages -> sender.send(settings.queueUrl(), messages.stream().map(m -> OutgoingMessage.fifo(m.toJson(), m.sku(),
                        m.deduplicationId())).toList()),
                context.runLog, clock, context.log);
    }

    /** The apply service and the batch processor its handler runs it in. */
    public record Apply(PriceApplyService service, BatchProcessor processor) {
    }

    public static Apply apply(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        Duration claimHold = config.claimHold();
        ZoneId zone = com.winthorvd.shared.winthor.WinThorSettings.zone(config);
        ApplyContext context = ApplyContext.fromEnv("price-apply", env, clock, config);
        return new Apply(new PriceApplyService(context.table, context.store, zone, clock, context.log, claimHold), context.processor);
    }
}
