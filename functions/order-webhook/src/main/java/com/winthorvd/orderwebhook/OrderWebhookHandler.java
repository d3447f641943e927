package com.winthorvd.orderwebhook;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.winthorvd.shared.config.Env;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderChange;
import com.winthorvd.shared.order.OrderIntakeFlow;
import com.winthorvd.shared.order.OrderIntakeService;
import java.time.Clock;
import java.util.Map;
import org.crac.Core;
import org.crac.Resource;

/**
 * API Gateway (POST, the store's order hook) -> the order change on the FIFO order queue. SnapStart: before the
 * snapshot, the JSON and validation paths run once on a sample payload (no network), so a restored container answers
 * its first hook without class loading or JIT warm-up on that path.
 */
public final class OrderWebhookHandler implements RequestHandler<APIGatewayProxyRequestEvent, APIGatewayProxyResponseEvent>, Resource {
    static final String SAMPLE = "{\"Domain\":\"Fulfillment\",\"OrderId\":\"1000000000000-01\",\"State\":\"ready-for-handling\","
            + "\"LastState\":\"window-to-cancel\",\"LastChange\":\"2026-11-30T12:00:00.0000000Z\",\"CurrentChange\":\"2026-11-30T12:00:01.0000000Z\"}";

    private final OrderIntakeService service;

    public OrderWebhookHandler() {
        this(Env.system(), Clock.systemUTC());
        Core.getGlobalContext().register(this);
    }

    public OrderWebhookHandler(Env env, Clock clock) {
        this.service = OrderIntakeFlow.intake(env, clock);
    }

    @Override
    public APIGatewayProxyResponseEvent handleRequest(APIGatewayProxyRequestEvent request, Context context) {
        OrderIntakeService.Reply reply = service.receive(request.getHeaders(), request.getBody());
        return new APIGatewayProxyResponseEvent().withStatusCode(reply.status()).withBody(reply.body())
                .withHeaders(Map.of("Content-Type", "application/json"));
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        OrderChange.fromHook(Json.read(SAMPLE)).message();
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        // nothing to refresh: the secret is read on first use, after restore
    }
}
