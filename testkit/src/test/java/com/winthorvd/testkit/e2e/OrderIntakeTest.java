package com.winthorvd.testkit.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyRequestEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayProxyResponseEvent;
import com.amazonaws.services.lambda.runtime.tests.annotations.Event;
import com.winthorvd.lambda.ScheduledInput;
import com.winthorvd.testkit.sim.StoreOrders;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.order.OrderIntakeService;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;

/** The order hook and the feed reconcile, through the real handlers, the runner's local API and the FIFO order queue. */
class OrderIntakeTest extends WorldTest {
    static final String WEBHOOK = "OrderWebhookFunction";
    static final String RECONCILE = "OrderReconcileFunction";

    @BeforeEach
    void start() {
        world = TestAws.world(10, Map.of());
    }

    private APIGatewayProxyResponseEvent call(APIGatewayProxyRequestEvent event, String secret) {
        Map<String, String> headers = new HashMap<>(event.getHeaders());
        headers.put(OrderIntakeService.SECRET_HEADER, secret);
        event.setHeaders(headers);
        return (APIGatewayProxyResponseEvent) world.runner.invoke(WEBHOOK, event);
    }

    /** Every message on the order queue, received once (the queue is left empty): order id and state. */
    private List<String> queued() {
        List<String> out = new ArrayList<>();
        String url = world.deployment.queueUrl("OrderQueue");
        while (true) {
            var messages = world.aws.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
            if (messages.isEmpty() && world.runner.pendingOn("OrderQueue") == 0) {
                return out;
            }
            for (var m : messages) {
                var body = Json.read(m.body());
                out.add(body.get("orderId").asText() + " " + body.get("state").asText());
                world.aws.sqs().deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
        }
    }

    @ParameterizedTest
    @Event(value = "../events/order-webhook-ready-for-handling.json", type = APIGatewayProxyRequestEvent.class)
    void aHookDeliveredThreeTimesQueuesTheOrderOnce(APIGatewayProxyRequestEvent event) {
        for (int i = 0; i < 3; i++) {
            APIGatewayProxyResponseEvent response = call(event, world.hookSecret());
            assertEquals(200, response.getStatusCode(), response.getBody());
            assertEquals("1471950507440-01", Json.read(response.getBody()).get("queued").asText());
        }
        assertEquals(List.of("1471950507440-01 ready-for-handling"), queued(), "FIFO deduplication by order, state and LastChange");
    }

    @ParameterizedTest
    @Event(value = "../events/order-webhook-ready-for-handling.json", type = APIGatewayProxyRequestEvent.class)
    void aMissingOrWrongSecretIs401AndQueuesNothing(APIGatewayProxyRequestEvent event) {
        assertEquals(401, call(event, world.hookSecret() + "x").getStatusCode());
        assertEquals(401, call(event, "").getStatusCode());
        Map<String, String> none = new HashMap<>(event.getHeaders());
        none.remove(OrderIntakeService.SECRET_HEADER);
        event.setHeaders(none);
        APIGatewayProxyResponseEvent response = (APIGatewayProxyResponseEvent) world.runner.invoke(WEBHOOK, event);
        assertEquals(401, response.getStatusCode());
        assertTrue(!response.getBody().contains(world.hookSecret()), "the secret is never echoed");
        assertEquals(List.of(), queued());
    }

    @ParameterizedTest
    @Event(value = "../events/order-webhook-ping.json", type = APIGatewayProxyRequestEvent.class)
    void theHooksPingIsAnswered(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = call(event, world.hookSecret());
        assertEquals(200, response.getStatusCode());
        assertEquals(List.of(), queued());
    }

    @ParameterizedTest
    @Event(value = "../events/order-webhook-malformed.json", type = APIGatewayProxyRequestEvent.class)
    void aMalformedPayloadIs400NamingTheFieldAndQueuesNothing(APIGatewayProxyRequestEvent event) {
        APIGatewayProxyResponseEvent response = call(event, world.hookSecret());
        assertEquals(400, response.getStatusCode());
        assertEquals("OrderId must be a non-empty string", Json.read(response.getBody()).get("message").asText());
        event.setBody("{\"OrderId\":\"1-01\",\"State\":\"ready-for-handling\",\"LastChange\":\"ontem\"}");
        assertTrue(Json.read(call(event, world.hookSecret()).getBody()).get("message").asText().startsWith("LastChange 'ontem'"));
        event.setBody("{not json");
        assertEquals(400, call(event, world.hookSecret()).getStatusCode());
        event.setBody("{\"OrderId\":\"1-01\",\"State\":\"payment-pending\",\"LastChange\":\"2026-11-30T12:00:00Z\"}");
        assertEquals(200, call(event, world.hookSecret()).getStatusCode(), "a state not integrated is acknowledged, not queued");
        assertEquals(List.of(), queued());
    }

    @ParameterizedTest
    @Event(value = "../events/order-push-batch.json", type = com.amazonaws.services.lambda.runtime.events.SQSEvent.class)
    void anOrderTheStoreDoesNotKnowIsRejectedWithItsReasonNotRetriedForever(com.amazonaws.services.lambda.runtime.events.SQSEvent event) {
        var response = (com.amazonaws.services.lambda.runtime.events.SQSBatchResponse) world.runner.invoke("OrderPushFunction", event);
        assertEquals(List.of(), response.getBatchItemFailures(), "a rejection is a handled outcome");
        var state = world.table.get(com.winthorvd.shared.state.Keys.order("1471950507440-01"), com.winthorvd.shared.state.Keys.ONE,
                com.winthorvd.shared.state.StateTable.Read.CONSISTENT).orElseThrow();
        assertEquals("REJECTED", state.string("status").orElseThrow());
        assertEquals("ORDER_NOT_IN_STORE", state.string("reason").orElseThrow());
    }

    private List<String> placeOrders(int count) {
        List<String> ids = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            ids.add(world.store.orders().place(StoreOrders.buyer("11222333000181", "compras@cliente.com.br"), "Boleto Bancário",
                    List.of(new StoreOrders.Line("1", "7891000100011-1001", 2, 12, 1990, 1890, "filial1")), 1500, 0));
        }
        return ids;
    }

    @Test
    void hooksDroppedWhileAnythingWasDownAreBroughtByTheFeedAndNothingTwice() {
        world.installHook(List.of("ready-for-handling", "canceled"));
        world.store.orders().dropHooks(0.5, 7);
        List<String> ids = placeOrders(10);
        long delivered = world.store.orders().deliveries().stream().filter(d -> d.status() == 200).count();
        assertTrue(delivered > 0 && delivered < 10, "some hooks arrived, some were dropped: " + world.store.orders().deliveries());

        Map<?, ?> run = (Map<?, ?>) world.runner.invoke(RECONCILE, new ScheduledInput("order-reconcile", "incremental"));
        assertEquals("COMPLETED", run.get("status"), run.toString());
        TreeSet<String> expected = new TreeSet<>();
        ids.forEach(id -> expected.add(id + " ready-for-handling"));
        List<String> queued = queued();
        assertEquals(new ArrayList<>(expected), queued.stream().sorted().toList(), "each order once: the hook's and the feed's copies are one");

        Map<?, ?> again = (Map<?, ?>) world.runner.invoke(RECONCILE, new ScheduledInput("order-reconcile", "incremental"));
        assertEquals(Map.of(), again.get("counts"), "the feed was committed after the queue took it");
        assertEquals(List.of(), queued());
    }
}
