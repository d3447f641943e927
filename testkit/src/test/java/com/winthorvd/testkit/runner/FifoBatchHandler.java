package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.lambda.SqsBatch;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.log.JsonLog;
import com.winthorvd.shared.queue.BatchProcessor;
import com.winthorvd.shared.queue.RetryBackoff;
import java.io.OutputStream;
import java.io.PrintStream;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A FIFO consumer built like the real ones (SqsBatch + BatchProcessor): a body starting with FAIL_PREFIX fails,
 * and the processor fails the rest of that message group.
 */
public final class FifoBatchHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static final List<String> handled = new CopyOnWriteArrayList<>();
    private final String failPrefix;
    private final SqsBatch batch = new SqsBatch(new BatchProcessor((arn, receipt, visibility) -> { },
            RetryBackoff.DEFAULT, new JsonLog("test", null, Clock.systemUTC(), new PrintStream(OutputStream.nullOutputStream())),
            (message, reason) -> { }));

    public FifoBatchHandler(Env env, Clock clock) {
        failPrefix = env.get("FAIL_PREFIX").orElseThrow();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        return batch.handle(event, context, message -> {
            if (message.body().startsWith(failPrefix)) {
                throw new IllegalStateException("scripted failure");
            }
            handled.add(message.body() + "@" + message.messageGroupId());
        });
    }
}
