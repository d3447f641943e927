package com.winthorvd.shared.state;

import com.winthorvd.shared.util.Sleeper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.LongAdder;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * The one state table (string keys pk and sk). Every read that decides something (lease, token, claim,
 * watermark) is a {@link Read#CONSISTENT} read; conditional writes report a failed condition as {@code false}
 * rather than an exception, since losing a race is an expected outcome.
 */
public final class StateTable {
    public enum Read { CONSISTENT, EVENTUAL }

    /** Items by entity and status ({@code STATUS#<entity>#<status>}). */
    public static final String GSI1 = "gsi1";
    /** Sparse: children waiting on, or rejected for, a parent ({@code PARENT#<entity>#<key>}). */
    public static final String GSI2 = "gsi2";
    /** Keys only: the store orders by the day (UTC) the integration first saw them ({@code ORDERDAY#<yyyy-mm-dd>}). */
    public static final String GSI3 = "gsi3";
    static final int BATCH_GET_LIMIT = 100;
    static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_ATTEMPTS = 8;

    private final DynamoDbClient dynamo;
    private final String tableName;
    private final Sleeper sleeper;
    private final LongAdder counter = new LongAdder();

    public StateTable(DynamoDbClient dynamo, String tableName, Sleeper sleeper) {
        this.dynamo = dynamo;
        this.tableName = tableName;
        this.sleeper = sleeper;
    }

    public String tableName() {
        return tableName;
    }

    /** How many DynamoDB calls this table object made (benchmarks report it). */
    public long calls() {
        return counter.sum();
    }

    public Optional<Item> get(String pk, String sk, Read read) {
        counter.increment();
        Map<String, AttributeValue> found = dynamo.getItem(b -> b.tableName(tableName)
                .key(Item.key(pk, sk).keyAttributes())
                .consistentRead(read == Read.CONSISTENT)).item();
        return found == null || found.isEmpty() ? Optional.empty() : Optional.of(Item.from(found));
    }

    public void put(Item item) {
        counter.increment();
        dynamo.putItem(PutItemRequest.builder().tableName(tableName).item(item.attributes()).build());
    }

    /** Puts the item only if the condition holds; false when it did not (someone else won). */
    public boolean putIf(Item item, Condition condition) {
        counter.increment();
        try {
            dynamo.putItem(PutItemRequest.builder().tableName(tableName).item(item.attributes())
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(nullIfEmpty(condition.names()))
                    .expressionAttributeValues(nullIfEmpty(condition.values()))
                    .build());
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Applies an update expression if the condition holds (condition may be null). The update's and the
     * condition's placeholders share one namespace.
     */
    public boolean updateIf(String pk, String sk, Condition update, Condition condition) {
        return updateReturning(pk, sk, update, condition).isPresent();
    }

    /**
     * Like {@link #updateIf} but returns the item as it is after the update, or empty when the condition failed.
     */
    public Optional<Item> updateReturning(String pk, String sk, Condition update, Condition condition) {
        counter.increment();
        Map<String, String> names = new HashMap<>(update.names());
        Map<String, AttributeValue> values = new HashMap<>(update.values());
        if (condition != null) {
            names.putAll(condition.names());
            values.putAll(condition.values());
        }
        try {
            return Optional.of(Item.from(dynamo.updateItem(UpdateItemRequest.builder().tableName(tableName)
                    .key(Item.key(pk, sk).keyAttributes())
                    .updateExpression(update.expression())
                    .conditionExpression(condition == null ? null : condition.expression())
                    .expressionAttributeNames(nullIfEmpty(names))
                    .expressionAttributeValues(nullIfEmpty(values))
                    .returnValues(ReturnValue.ALL_NEW)
                    .build()).attributes()));
        } catch (ConditionalCheckFailedException e) {
            return Optional.empty();
        }
    }

    public boolean deleteIf(String pk, String sk, Condition condition) {
        counter.increment();
        try {
            dynamo.deleteItem(b -> b.tableName(tableName).key(Item.key(pk, sk).keyAttributes())
                    .conditionExpression(condition.expression())
                    .expressionAttributeNames(nullIfEmpty(condition.names()))
                    .expressionAttributeValues(nullIfEmpty(condition.values())));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Reads many items by key, 100 per call, retrying UnprocessedKeys with exponential backoff (DynamoDB
     * returns them under throttling with HTTP 200). Keys that do not exist are absent from the result, which is keyed
     * by "pk|sk".
     */
    public Map<String, Item> batchGet(List<Item> requested, Read read) {
        // DynamoDB refuses a request naming one key twice.
        Map<String, Item> unique = new LinkedHashMap<>();
        requested.forEach(key -> unique.putIfAbsent(key.pk() + "|" + key.sk(), key));
        List<Item> keys = new ArrayList<>(unique.values());
        Map<String, Item> found = new LinkedHashMap<>();
        for (int start = 0; start < keys.size(); start += BATCH_GET_LIMIT) {
            List<Map<String, AttributeValue>> chunk = new ArrayList<>();
            for (Item key : keys.subList(start, Math.min(keys.size(), start + BATCH_GET_LIMIT))) {
                chunk.add(key.keyAttributes());
            }
            untilProcessed(Map.of(tableName, KeysAndAttributes.builder().keys(chunk).consistentRead(read == Read.CONSISTENT).build()),
                    request -> {
                        BatchGetItemResponse response = dynamo.batchGetItem(b -> b.requestItems(request));
                        for (Map<String, AttributeValue> attributes : response.responses().getOrDefault(tableName, List.of())) {
                            Item item = Item.from(attributes);
                            found.put(item.pk() + "|" + item.sk(), item);
                        }
                        return response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                    }, left -> left.keys().size() + " keys");
        }
        return found;
    }

    /**
     * Makes a batch call until DynamoDB has processed all of it: under throttling it answers 200 and hands back what it
     * left, which is sent again with backoff, at most {@link #BATCH_ATTEMPTS} times in all.
     *
     * @param call sends one request; what it left unprocessed (empty: all done)
     * @param left what was left, in words, for the error
     */
    private <T> void untilProcessed(Map<String, T> request, java.util.function.UnaryOperator<Map<String, T>> call,
                                    java.util.function.Function<T, String> left) {
        Map<String, T> pending = request;
        for (int attempt = 1; !pending.isEmpty(); attempt++) {
            if (attempt > BATCH_ATTEMPTS) {
                throw new IllegalStateException("DynamoDB left " + left.apply(pending.get(tableName)) + " unprocessed after "
                        + BATCH_ATTEMPTS + " attempts (throttled)");
            }
            if (attempt > 1) {
                sleeper.pause(Duration.ofMillis(Math.min(2_000, 50L << (attempt - 2))));
            }
            counter.increment();
            pending = call.apply(pending);
        }
    }

    /**
     * Puts these items and deletes these keys, unconditionally, in BatchWriteItem calls of up to 25: an order's few
     * reservation and marker writes cost one call, not one each. One key twice keeps its last operation (DynamoDB
     * refuses a batch naming a key twice), as writing them one after another would.
     */
    public void writeAll(List<Item> puts, List<Item> deleteKeys) {
        Map<String, WriteRequest> byKey = new LinkedHashMap<>();
        deleteKeys.forEach(key -> byKey.put(key.pk() + "|" + key.sk(),
                WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key.keyAttributes()).build()).build()));
        puts.forEach(item -> {
            byKey.remove(item.pk() + "|" + item.sk()); // re-inserted last: a put after a delete of the same key wins
            byKey.put(item.pk() + "|" + item.sk(), WriteRequest.builder().putRequest(PutRequest.builder().item(item.attributes()).build()).build());
        });
        List<WriteRequest> writes = new ArrayList<>(byKey.values());
        for (int start = 0; start < writes.size(); start += BATCH_WRITE_LIMIT) {
            untilProcessed(Map.of(tableName, writes.subList(start, Math.min(writes.size(), start + BATCH_WRITE_LIMIT))), request -> {
                BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
                return response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }, left -> left.size() + " writes");
        }
    }

    /** Items of one partition whose sort key starts with a prefix, newest first when descending. */
    public List<Item> query(String pk, String skPrefix, boolean descending, int limit) {
        // DynamoDB refuses begins_with on an empty string: no prefix means the whole partition.
        QueryRequest.Builder request = skPrefix.isEmpty()
                ? QueryRequest.builder().keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk)))
                : QueryRequest.builder().keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(pk), ":prefix", AttributeValue.fromS(skPrefix)));
        return queryAll(request.tableName(tableName).scanIndexForward(!descending), limit);
    }

    /** Items of a GSI by its partition key and a sort-key prefix (never a Scan). */
    public List<Item> queryIndex(String index, String partition, String sortPrefix, int limit) {
        return queryAll(indexQuery(index, partition, sortPrefix), limit);
    }

    /** One page of a GSI query from a cursor (null: the start); the page's cursor is null after the last page. */
    public Page queryIndexPage(String index, String partition, Map<String, AttributeValue> cursor, int pageSize) {
        counter.increment();
        QueryResponse page = dynamo.query(indexQuery(index, partition, "").tableName(tableName).exclusiveStartKey(cursor).limit(pageSize).build());
        List<Item> items = page.items().stream().map(Item::from).toList();
        return new Page(items, page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null);
    }

    public record Page(List<Item> items, Map<String, AttributeValue> cursor) {
    }

    /** Every item of a GSI partition, page by page: only one page is held at a time. */
    public void forEachInIndex(String index, String partition, java.util.function.Consumer<Item> action) {
        Map<String, AttributeValue> cursor = null;
        do {
            Page page = queryIndexPage(index, partition, cursor, 500);
            page.items().forEach(action);
            cursor = page.cursor();
        } while (cursor != null);
    }

    /** How many items a GSI partition holds, counted by DynamoDB page by page (Select COUNT: no item comes back). */
    public long countInIndex(String index, String partition) {
        long count = 0;
        Map<String, AttributeValue> cursor = null;
        do {
            counter.increment();
            QueryResponse page = dynamo.query(indexQuery(index, partition, "").tableName(tableName).exclusiveStartKey(cursor)
                    .select(software.amazon.awssdk.services.dynamodb.model.Select.COUNT).build());
            count += page.count();
            cursor = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (cursor != null);
        return count;
    }

    private static QueryRequest.Builder indexQuery(String index, String partition, String sortPrefix) {
        String pk = index + "pk";
        String sk = index + "sk";
        return sortPrefix.isEmpty()
                ? QueryRequest.builder().indexName(index).keyConditionExpression(pk + " = :pk")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition)))
                : QueryRequest.builder().indexName(index).keyConditionExpression(pk + " = :pk AND begins_with(" + sk + ", :prefix)")
                        .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS(partition), ":prefix", AttributeValue.fromS(sortPrefix)));
    }

    private List<Item> queryAll(QueryRequest.Builder request, int limit) {
        request.tableName(tableName);
        List<Item> out = new ArrayList<>();
        Map<String, AttributeValue> startKey = null;
        do {
            counter.increment();
            QueryResponse page = dynamo.query(request.exclusiveStartKey(startKey).build());
            for (Map<String, AttributeValue> attributes : page.items()) {
                out.add(Item.from(attributes));
                if (out.size() >= limit) {
                    return out;
                }
            }
            startKey = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (startKey != null);
        return out;
    }

    private static <K, V> Map<K, V> nullIfEmpty(Map<K, V> map) {
        return map.isEmpty() ? null : map;
    }
}
