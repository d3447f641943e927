package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.winthorvd.shared.config.Env;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A consumer whose answer each test scripts; it records every event it was given. */
public final class ScriptedSqsHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    static volatile Function<SQSEvent, SQSBatchResponse> behaviour = event -> null;
    static final List<SQSEvent> received = new CopyOnWriteArrayList<>();

    public ScriptedSqsHandler(Env env, Clock clock) {
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        received.add(event);
        return behaviour.apply(event);
    }
}
