package com.winthorvd.testkit.stack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.winthorvd.shared.aws.AwsClients;
import com.winthorvd.shared.config.Env;
import com.winthorvd.testkit.LocalWorld;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;

/** The local IAM check in front of dynalite: each function of the template gets exactly what its policy grants. */
class DynamoPolicyGateTest {
    private static LocalWorld world;

    @BeforeAll
    static void start() {
        world = LocalWorld.start(LocalAws.shared());
    }

    @AfterAll
    static void stop() {
        // The denials below are this test's own; the world's close reports them, as it would a too-narrow grant.
        IllegalStateException reported = assertThrows(IllegalStateException.class, world::close);
        assertTrue(reported.getMessage().contains("denied by the functions' template policies"), reported.getMessage());
    }

    private static DynamoDbClient as(String logicalId) {
        Map<String, String> env = LocalAws.shared().runtimeEnv(DynamoPolicyGate.accessKey(world.deployment.stackName(), logicalId));
        return new AwsClients(Env.of(env)).configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build();
    }

    private static Map<String, AttributeValue> key(String pk) {
        return Map.of("pk", AttributeValue.fromS(pk), "sk", AttributeValue.fromS("1"));
    }

    private static String table() {
        return world.deployment.physicalId("StateTable");
    }

    @Test
    void theStockApplyReadsStockItemsButNotTheWinThorToken() {
        try (DynamoDbClient stockApply = as("StockApplyFunction")) {
            stockApply.getItem(b -> b.tableName(table()).key(key("STOCK#1-1@1")));
            DynamoDbException denied = assertThrows(DynamoDbException.class,
                    () -> stockApply.getItem(b -> b.tableName(table()).key(key("TOKEN#winthor"))));
            assertEquals("AccessDeniedException", denied.awsErrorDetails().errorCode());
            assertTrue(denied.getMessage().contains("StockApplyFunctionRole is not authorized to perform: dynamodb:GetItem"), denied.getMessage());
            // An action it is not granted at all, on a key it may read.
            assertThrows(DynamoDbException.class, () -> stockApply.deleteItem(b -> b.tableName(table()).key(key("STOCK#1-1@1"))));
        }
    }

    @Test
    void aBatchIsDeniedWholeWhenOneKeyIsOutsideTheGrant() {
        try (DynamoDbClient priceScan = as("PriceScanFunction")) {
            priceScan.batchGetItem(b -> b.requestItems(Map.of(table(),
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(key("PRICE#1-1"), key("MAP#sku#1-1")).build())));
            assertThrows(DynamoDbException.class, () -> priceScan.batchGetItem(b -> b.requestItems(Map.of(table(),
                    software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes.builder().keys(key("PRICE#1-1"), key("ORDER#1")).build()))));
        }
    }

    @Test
    void anIndexIsQueriedOnlyByTheFunctionsGrantedIt() {
        try (DynamoDbClient push = as("OrderPushFunction"); DynamoDbClient stockScan = as("StockScanFunction")) {
            push.query(b -> b.tableName(table()).indexName("gsi1").keyConditionExpression("gsi1pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NUMPED#1"))));
            assertThrows(DynamoDbException.class, () -> stockScan.query(b -> b.tableName(table()).indexName("gsi1")
                    .keyConditionExpression("gsi1pk = :pk").expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("NUMPED#1")))));
            // A table query is checked on its partition key, named through an alias or not.
            stockScan.query(b -> b.tableName(table()).keyConditionExpression("#p = :pk").expressionAttributeNames(Map.of("#p", "pk"))
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("RESERVED#1"))));
            assertThrows(DynamoDbException.class, () -> stockScan.query(b -> b.tableName(table()).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("ORDER#1")))));
        }
    }

    @Test
    void theWebhookHasNoTableAccessAndAnUnknownKeyIsRefused() {
        try (DynamoDbClient webhook = as("OrderWebhookFunction")) {
            assertThrows(DynamoDbException.class, () -> webhook.getItem(b -> b.tableName(table()).key(key("ORDER#1"))));
        }
        Map<String, String> env = LocalAws.shared().runtimeEnv("fn.nobody.Nothing");
        try (DynamoDbClient stranger = new AwsClients(Env.of(env)).configure(DynamoDbClient.builder(), AwsClients.ENDPOINT_DYNAMODB).build()) {
            DynamoDbException refused = assertThrows(DynamoDbException.class, () -> stranger.getItem(b -> b.tableName(table()).key(key("ORDER#1"))));
            assertEquals("UnrecognizedClientException", refused.awsErrorDetails().errorCode());
        }
        // The local world's own clients (the deployment, the tests, the CLI) are administrators.
        LocalAws.shared().dynamo().getItem(b -> b.tableName(table()).key(key("TOKEN#winthor")));
    }

    @Test
    void aPatternNoCallMatchedIsReportedUnused() {
        String key = DynamoPolicyGate.accessKey(world.deployment.stackName(), "PriceApplyFunction");
        world.deployment.aws().gate().orElseThrow().watch(Set.of(key));
        List<DynamoPolicyGate.Statement> policy = world.deployment.policy("PriceApplyFunction");
        assertEquals(Set.of("PRICE#*"), DynamoPolicyGate.unusedLeadingKeyPatterns(policy, List.of()));
        try (DynamoDbClient priceApply = as("PriceApplyFunction")) {
            priceApply.getItem(b -> b.tableName(table()).key(key("PRICE#9-9")));
        }
        List<DynamoPolicyGate.Use> uses = world.deployment.aws().gate().orElseThrow().uses(Set.of(key));
        assertEquals(List.of(new DynamoPolicyGate.Use(key, "dynamodb:GetItem", world.deployment.resolver().string(
                Map.of("Fn::GetAtt", List.of("StateTable", "Arn"))), "PRICE#9-9")), uses);
        assertTrue(DynamoPolicyGate.unusedLeadingKeyPatterns(policy, uses).isEmpty());
        assertFalse(DynamoPolicyGate.glob("PRICE#*", "STOCK#1"));
    }
}
