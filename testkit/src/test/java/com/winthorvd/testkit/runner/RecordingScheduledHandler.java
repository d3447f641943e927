package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.shared.config.Env;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Records the schedule input it was fired with. */
public final class RecordingScheduledHandler implements RequestHandler<ScheduledInput, String> {
    static final List<ScheduledInput> received = new CopyOnWriteArrayList<>();

    public RecordingScheduledHandler(Env env, Clock clock) {
    }

    @Override
    public String handleRequest(ScheduledInput input, Context context) {
        received.add(input);
        return "ok";
    }
}
