package com.winthorvd.orderpush;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.lambda.SqsBatch;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.order.OrderFlow;
import com.winthorvd.shared.order.OrderPushService;
import java.time.Clock;

/**
 * SQS FIFO (order queue, one group per store order) -> each order into WinThor exactly once; a transient failure backs
 * the message off (30 s doubling to 15 min) and fails the rest of its order's group in the batch.
 */
public final class OrderPushHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final OrderPushService service;
    private final SqsBatch batch;

    public OrderPushHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public OrderPushHandler(Env env, Clock clock) {
        OrderFlow.Push push = OrderFlow.push(env, clock);
        this.service = push.service();
        this.batch = new SqsBatch(push.processor());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context, service::handle);
    }
}
