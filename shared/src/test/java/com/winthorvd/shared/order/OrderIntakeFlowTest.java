package com.winthorvd.shared.order;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.services.sqs.SqsClient;

class OrderIntakeFlowTest {
    /** The store waits 5 s for its hook; what the webhook does within it has to leave time to answer. */
    static final Duration STORE_HOOK_BUDGET = Duration.ofSeconds(5);

    @Test
    void theWebhooksQueueCallsFailWellWithinTheStoresHookBudget() {
        ClientOverrideConfiguration config = OrderIntakeFlow.aws(Env.of(Map.of("AWS_REGION", "sa-east-1")))
                .configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).overrideConfiguration();
        Duration call = config.apiCallTimeout().orElseThrow();
        Duration attempt = config.apiCallAttemptTimeout().orElseThrow();
        assertTrue(call.plusSeconds(1).compareTo(STORE_HOOK_BUDGET) <= 0, "a whole call " + call + " leaves a second to answer");
        assertTrue(attempt.multipliedBy(2).compareTo(call) <= 0, "an attempt " + attempt + " leaves room for a retry in " + call);
    }

    @Test
    void theOtherFunctionsKeepTheSdksOwnTimeouts() {
        ClientOverrideConfiguration config = new AwsClients(Env.of(Map.of("AWS_REGION", "sa-east-1")))
                .configure(SqsClient.builder(), AwsClients.ENDPOINT_SQS).overrideConfiguration();
        assertEquals(java.util.Optional.empty(), config.apiCallTimeout());
    }
}
