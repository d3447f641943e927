package com.winthorvd.stocksync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.lambda.SqsBatch;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.stock.StockApplyService;
import com.winthorvd.shared.stock.StockFlow;
import java.time.Clock;

/** SQS (stock queue) -> each inventory set in the store; failures reported per message (ReportBatchItemFailures). */
public final class StockApplyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final StockApplyService service;
    private final SqsBatch batch;

    public StockApplyHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public StockApplyHandler(Env env, Clock clock) {
        StockFlow.Apply apply = StockFlow.apply(env, clock);
        this.service = apply.service();
        this.batch = new SqsBatch(apply.processor());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context, service::handle);
    }
}
