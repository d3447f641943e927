package com.winthorvd.bench;

import java.util.List;
import java.util.concurrent.atomic.DoubleAdder;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.SdkResponse;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemRequest;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemRequest;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.ReturnConsumedCapacity;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * DynamoDB's read and write capacity units of every call this process makes, as the local DynamoDB reports them
 * (ReturnConsumedCapacity=TOTAL asked on each call): on-demand bills them as request units. The SDK loads it for every
 * DynamoDB client from this module's {@code execution.interceptors}, so it meters the functions' clients in the
 * benchmarks' JVM; it asks for nothing until {@link #start()}. Index writes are not in the local figures (DynamoDB bills
 * each index an item changes in as one more write): the benchmarks say so where they print them.
 */
public final class CapacityMeter implements ExecutionInterceptor {
    private static volatile boolean on;
    private static final DoubleAdder READ = new DoubleAdder();
    private static final DoubleAdder WRITE = new DoubleAdder();

    /** Read and write units so far. */
    public record Units(double read, double write) {
        Units minus(Units before) {
            return new Units(read - before.read, write - before.write);
        }
    }

    public static void start() {
        on = true;
    }

    public static Units now() {
        return new Units(READ.sum(), WRITE.sum());
    }

    @Override
    public SdkRequest modifyRequest(Context.ModifyRequest context, ExecutionAttributes attributes) {
        if (!on) {
            return context.request();
        }
        ReturnConsumedCapacity total = ReturnConsumedCapacity.TOTAL;
        SdkRequest request = context.request();
        if (request instanceof GetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof PutItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof UpdateItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof DeleteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchGetItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof BatchWriteItemRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        } else if (request instanceof QueryRequest r) {
            return r.toBuilder().returnConsumedCapacity(total).build();
        }
        return request;
    }

    @Override
    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
        if (!on) {
            return;
        }
        SdkResponse response = context.response();
        if (response instanceof GetItemResponse r) {
            add(READ, r.consumedCapacity());
        } else if (response instanceof QueryResponse r) {
            add(READ, r.consumedCapacity());
        } else if (response instanceof BatchGetItemResponse r) {
            addAll(READ, r.consumedCapacity());
        } else if (response instanceof PutItemResponse r) {
            add(WRITE, r.consumedCapacity());
        } else if (response instanceof UpdateItemResponse r) {
            add(WRITE, r.consumedCapacity());
        } else if (response instanceof DeleteItemResponse r) {
            add(WRITE, r.consumedCapacity());
        } else if (response instanceof BatchWriteItemResponse r) {
            addAll(WRITE, r.consumedCapacity());
        }
    }

    private static void add(DoubleAdder to, ConsumedCapacity capacity) {
        if (capacity != null && capacity.capacityUnits() != null) {
            to.add(capacity.capacityUnits());
        }
    }

    private static void addAll(DoubleAdder to, List<ConsumedCapacity> capacities) {
        if (capacities != null) {
            capacities.forEach(c -> add(to, c));
        }
    }
}
