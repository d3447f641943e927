package com.winthorvd.pricesync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.lambda.SqsBatch;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.price.PriceApplyService;
import com.winthorvd.shared.price.PriceFlow;
import java.time.Clock;

/**
 * SQS FIFO (price queue, one group per SKU) -> each table's prices published in the store; a failed message fails
 * the rest of its SKU's group in the batch, so a SKU's prices are never written out of order.
 */
public final class PriceApplyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final PriceApplyService service;
    private final SqsBatch batch;

    public PriceApplyHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public PriceApplyHandler(Env env, Clock clock) {
        PriceFlow.Apply apply = PriceFlow.apply(env, clock);
        this.service = apply.service();
        this.batch = new SqsBatch(apply.processor());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context, service::handle);
    }
}
