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
import java.time.Duration;

/**
 * SQS FIFO (price queue, one group per SKU) -> each table's prices published in the store; a failed message fails
 * the rest of its SKU's group in the batch, so a SKU's prices are never written out of order.
 */
public final class PriceApplyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    /** Longer than one invocation can run (the function's timeout). */
    static final Duration CLAIM_HOLD = Duration.ofSeconds(120);

    private final PriceApplyService service;
    private final SqsBatch batch;

    public PriceApplyHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public PriceApplyHandler(Env env, Clock clock) {
        PriceFlow.Apply apply = PriceFlow.apply(env, clock, CLAIM_HOLD);
        this.service = apply.service();
        this.batch = new SqsBatch(apply.processor());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, service::handle);
    }
}
