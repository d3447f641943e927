package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.UUID;
import java.util.function.Supplier;

/** The Lambda context of one local invocation: its own request id and the time it has left. */
final class LocalContext implements Context {
    private final String functionName;
    private final Supplier<Duration> remaining;
    private final String requestId = UUID.randomUUID().toString();

    /** @param remaining the invocation's time left, asked each time the handler asks */
    LocalContext(String functionName, Supplier<Duration> remaining) {
        this.functionName = functionName;
        this.remaining = remaining;
    }

    /** As Lambda counts it: the function's timeout less the wall time since the invocation started. */
    static Supplier<Duration> wallClock(Duration timeout) {
        long startNanos = System.nanoTime();
        return () -> timeout.minusNanos(System.nanoTime() - startNanos);
    }

    @Override
    public String getAwsRequestId() {
        return requestId;
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/" + functionName;
    }

    @Override
    public String getLogStreamName() {
        return "local";
    }

    @Override
    public String getFunctionName() {
        return functionName;
    }

    @Override
    public String getFunctionVersion() {
        return "$LATEST";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:local:000000000000:function:" + functionName;
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return (int) Math.max(0, Math.min(Integer.MAX_VALUE, remaining.get().toMillis()));
    }

    @Override
    public int getMemoryLimitInMB() {
        return 512;
    }

    @Override
    public LambdaLogger getLogger() {
        return new LambdaLogger() {
            @Override
            public void log(String message) {
                System.out.println(message);
            }

            @Override
            public void log(byte[] message) {
                System.out.println(new String(message, StandardCharsets.UTF_8));
            }
        };
    }
}
