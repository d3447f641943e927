package com.winthorvd.cli.ops;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;
import software.amazon.awssdk.services.cloudwatch.model.ScanBy;

/**
 * Each queue's oldest message age in seconds. SQS gives it to no API call, only to CloudWatch (AWS/SQS
 * ApproximateAgeOfOldestMessage per QueueName, every minute): read there for a deployed stack, one call for all
 * queues; the local world has no CloudWatch, so none is known there (absent from the map).
 */
final class QueueAges {
    /** SQS publishes once a minute; a few minutes back always holds the latest point of an active queue. */
    static final Duration WINDOW = Duration.ofMinutes(10);

    private QueueAges() {
    }

    static Map<String, Long> of(StackResources stack, List<String> queueUrls, Instant now) {
        if (stack.functionLog().isPresent()) {
            return Map.of();
        }
        List<MetricDataQuery> queries = new ArrayList<>();
        for (int i = 0; i < queueUrls.size(); i++) {
            String name = queueName(queueUrls.get(i));
            queries.add(MetricDataQuery.builder().id("q" + i).returnData(true).metricStat(stat -> stat.period(60).stat("Maximum")
                    .metric(metric -> metric.namespace("AWS/SQS").metricName("ApproximateAgeOfOldestMessage")
                            .dimensions(d -> d.name("QueueName").value(name)))).build());
        }
        Map<String, Long> ages = new HashMap<>();
        try (CloudWatchClient cloudWatch = stack.cloudWatch()) {
            for (MetricDataResult result : cloudWatch.getMetricData(b -> b.startTime(now.minus(WINDOW)).endTime(now)
                    .scanBy(ScanBy.TIMESTAMP_DESCENDING).metricDataQueries(queries)).metricDataResults()) {
                if (!result.values().isEmpty()) {
                    ages.put(queueUrls.get(Integer.parseInt(result.id().substring(1))), result.values().get(0).longValue());
                }
            }
        }
        return ages;
    }

    /** The name CloudWatch knows a queue by: the last segment of its URL. */
    static String queueName(String queueUrl) {
        return queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }
}
