package com.winthorvd.testkit.runner;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.winthorvd.shared.config.Env;
import java.time.Clock;
import java.util.Map;

/** Answers 202 with the request's method, path, a header and body, so the test sees what API Gateway passed. */
public final class EchoApiHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent> {

    public EchoApiHandler(Env env, Clock clock) {
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        String secret = request.getHeaders().entrySet().stream().filter(e -> e.getKey().equalsIgnoreCase("X-Hook-Secret"))
                .map(Map.Entry::getValue).findFirst().orElse("none");
        return new APIGatewayProxyResponseEvent().withStatusCode(202).withHeaders(Map.of("Content-Type", "text/plain"))
                .withBody(request.getHttpMethod() + " " + request.getPath() + " secret=" + secret + " body=" + request.getBody());
    }
}
