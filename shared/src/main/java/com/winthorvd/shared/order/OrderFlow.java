package com.winthorvd.shared.order;

import com.winthorvd.shared.app.ApplyContext;
import com.winthorvd.shared.app.FlowContext;
import com.winthorvd.shared.app.SecretReader;
import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.DeadLetters;
import com.winthorvd.shared.queue.QueueSender;
import com.winthorvd.shared.queue.RetryBackoff;
import com.winthorvd.shared.queue.SqsVisibilityChanger;
import com.winthorvd.shared.store.StoreSettings;
import com.winthorvd.shared.winthor.WinThorApi;
import java.time.Duration;
import software.amazon.awssdk.services.sqs.SqsClient;
import com.winthorvd.shared.config.ConfigReader;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.run.RunLog;
import java.time.Clock;
import java.util.List;
import java.util.Set;
import com.winthorvd.shared.config.Branches;

/** Builds the order services that talk to the store from a function's environment, once per container. */
public final class OrderFlow {
    private OrderFlow() {
    }

    /** The push service and the batch processor its handler runs it in. */
    public record Push(OrderPushService service, BatchProcessor processor) {
    }

    public static Push push(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        Duration claimHold = config.claimHold();
        OrderSettings settings = OrderSettings.read(config);
        StoreSettings storeSettings = StoreSettings.read(config, new SecretReader(new AwsClients(env)), clock);
        RetryBackoff backoff = RetryBackoff.read(config);
        String deadLetterQueue = config.required("DEAD_LETTER_QUEUE_URL", "the DLQ a malformed message goes to at once");
        FlowContext context = FlowContext.fromEnv("order-push", env, clock, config);
        SqsClient sqs = context.aws.configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).build();
        Duration timeout = context.winthorSettings.requestTimeout();
        Duration settle = config.seconds("ORDER_CREATE_SETTLE_SECONDS", timeout.multipliedBy(2));
        if (settle.compareTo(timeout) <= 0) {
            // A search sooner than a create can run would miss an order still being written: a second order.
            throw new com.winthorvd.shared.config.ConfigException(List.of("ORDER_CREATE_SETTLE_SECONDS (" + settle.toSeconds()
                    + ") must be more than the WinThor request timeout (" + timeout.toSeconds() + " s)"));
        }
        WinThorApi winthor = new WinThorApi(context.winthor, 100);
        OrderPushService service = new OrderPushService(storeSettings.store(), winthor, new OrderMapper(settings, context.table, winthor, clock),
                settings, context.table, clock, context.log, claimHold, settle);
        DeadLetters deadLetters = DeadLetters.sqs(new QueueSender(sqs, com.winthorvd.shared.util.Sleeper.REAL), deadLetterQueue);
        return new Push(service, new BatchProcessor(new SqsVisibilityChanger(sqs), backoff, context.log, deadLetters));
    }

    /** The status service: WinThor's invoices and cancellations back to the store. */
    public static OrderStatusService status(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        Duration claimHold = config.claimHold();
        List<String> branches = Branches.list(config);
        java.time.ZoneId zone = com.winthorvd.shared.winthor.WinThorSettings.zone(config);
        java.util.Optional<java.time.LocalDateTime> startAt = config.optional("ORDER_STATUS_START").map(text -> {
            try {
                return java.time.LocalDateTime.parse(text, com.winthorvd.shared.winthor.model.WtaFields.LOCAL);
            } catch (java.time.format.DateTimeParseException e) {
                config.problem("ORDER_STATUS_START: '" + text + "' is not a WinThor date and time like 2026-12-01T08:00:00");
                return null;
            }
        });
        StoreSettings storeSettings = StoreSettings.read(config, new SecretReader(new AwsClients(env)), clock);
        FlowContext context = FlowContext.fromEnv(OrderStatusService.FLOW, env, clock, config);
        return new OrderStatusService(new WinThorApi(context.winthor, 100), storeSettings.store(), context.table, context.runLog, branches,
                zone, clock, context.log, claimHold, startAt);
    }

    public static OrderReconcileService reconcile(Env env, Clock clock) {
        ConfigReader config = new ConfigReader(env);
        String queueUrl = config.required("ORDER_QUEUE_URL", "the FIFO order queue");
        Set<String> states = OrderIntakeFlow.states(config);
        ApplyContext context = ApplyContext.forSchedule(OrderReconcileService.FLOW, env, clock, config);
        return new OrderReconcileService(context.store, states,
                changes -> context.sender.send(queueUrl, changes.stream().map(OrderChange::message).toList()),
                context.table, new RunLog(context.table, clock, context.log), clock, context.log);
    }
}
