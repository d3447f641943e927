package com.winthorvd.shared.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

class StateTableTest {

    /** Answers every key, but under "throttling" leaves half of each request unprocessed for a while. */
    private static final class ThrottledDynamo implements DynamoDbClient {
        final List<Integer> requestSizes = new ArrayList<>();
        final List<Boolean> consistent = new ArrayList<>();
        int throttledCalls;

        @Override
        public BatchGetItemResponse batchGetItem(Consumer<BatchGetItemRequest.Builder> request) {
            BatchGetItemRequest built = BatchGetItemRequest.builder().applyMutation(request).build();
            KeysAndAttributes asked = built.requestItems().get("t");
            requestSizes.add(asked.keys().size());
            consistent.add(asked.consistentRead());
            List<Map<String, AttributeValue>> keys = asked.keys();
            int served = throttledCalls-- > 0 ? keys.size() / 2 : keys.size();
            List<Map<String, AttributeValue>> items = new ArrayList<>();
            for (Map<String, AttributeValue> key : keys.subList(0, served)) {
                items.add(Item.from(key).with("value", "v").attributes());
            }
            BatchGetItemResponse.Builder response = BatchGetItemResponse.builder().responses(Map.of("t", items));
            if (served < keys.size()) {
                response.unprocessedKeys(Map.of("t", KeysAndAttributes.builder().keys(keys.subList(served, keys.size()))
                        .consistentRead(asked.consistentRead()).build()));
            }
            return response.build();
        }

        @Override
        public String serviceName() {
            return "dynamodb";
        }

        @Override
        public void close() {
        }
    }

    private static List<Item> keys(int n) {
        return IntStream.range(0, n).mapToObj(i -> Item.key("MAP#product#" + i, Keys.ONE)).toList();
    }

    @Test
    void readsInHundredsAndRetriesUnprocessedKeysWithBackoff() {
        ThrottledDynamo dynamo = new ThrottledDynamo();
        dynamo.throttledCalls = 2;
        List<Duration> waits = new ArrayList<>();
        StateTable table = new StateTable(dynamo, "t", waits::add);
        Map<String, Item> found = table.batchGet(keys(250), StateTable.Read.CONSISTENT);
        assertEquals(250, found.size());
        assertEquals(List.of(100, 50, 25, 100, 50), dynamo.requestSizes);
        assertEquals(List.of(Duration.ofMillis(50), Duration.ofMillis(100)), waits);
        assertTrue(dynamo.consistent.stream().allMatch(Boolean::booleanValue));
        assertEquals(5, table.calls());
    }

    @Test
    void givesUpLoudlyWhenThrottlingNeverEnds() {
        ThrottledDynamo dynamo = new ThrottledDynamo();
        dynamo.throttledCalls = 1000;
        StateTable table = new StateTable(dynamo, "t", d -> { });
        IllegalStateException e = assertThrows(IllegalStateException.class, () -> table.batchGet(keys(4), StateTable.Read.EVENTUAL));
        assertTrue(e.getMessage().contains("unprocessed"), e.getMessage());
    }
}
