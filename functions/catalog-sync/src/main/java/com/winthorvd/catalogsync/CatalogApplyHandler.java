package com.winthorvd.catalogsync;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.lambda.SqsBatch;
import com.winthorvd.shared.catalog.CatalogApplyService;
import com.winthorvd.shared.catalog.CatalogFlow;
import com.winthorvd.shared.config.Env;
import java.time.Clock;

/** SQS (catalog queue) -> each change applied to the store; failures reported per message (ReportBatchItemFailures). */
public final class CatalogApplyHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private final CatalogApplyService service;
    private final SqsBatch batch;

    public CatalogApplyHandler() {
        this(Env.system(), Clock.systemUTC());
    }

    public CatalogApplyHandler(Env env, Clock clock) {
        this(CatalogFlow.apply(env, clock));
    }

    private CatalogApplyHandler(CatalogFlow.Apply apply) {
        this.service = apply.service();
        this.batch = new SqsBatch(apply.processor());
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context, service::handle);
    }
}
