package com.winthorvd.cli.ops;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.cloudwatch.CloudWatchClient;
import software.amazon.awssdk.services.cloudwatch.model.Dimension;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataQuery;
import software.amazon.awssdk.services.cloudwatch.model.MetricDataResult;

/**
 * A flow's metrics hour by hour over the last day, as CloudWatch keeps them: for a deployed stack read from CloudWatch
 * (GetMetricData), for the local world from its function log's embedded-metric lines (the same data points, before
 * CloudWatch would have aggregated them).
 */
final class MetricHistory {
    static final Duration WINDOW = Duration.ofHours(24);
    private static final int HOUR_SECONDS = 3600;

    /** How the data points of one hour combine: a count adds up, a lag keeps its worst. */
    enum Stat { SUM, MAXIMUM }

    /** One metric of the flow: its name and each set of dimensions (besides Flow) it is published with. */
    record Metric(String name, List<Map<String, String>> dimensions) {
    }

    private MetricHistory() {
    }

    /** Per hour (its start, oldest first), per metric name, the hour's value; hours without a data point are absent. */
    static TreeMap<Instant, Map<String, Double>> hourly(StackResources stack, String flow, List<Metric> metrics, Stat stat, Instant now) {
        Instant from = now.minus(WINDOW).truncatedTo(ChronoUnit.HOURS);
        return stack.functionLog().isPresent() ? fromFunctionLog(stack, flow, metrics, stat, from)
                : fromCloudWatch(stack, flow, metrics, stat, from, now);
    }

    private static TreeMap<Instant, Map<String, Double>> fromFunctionLog(StackResources stack, String flow, List<Metric> metrics, Stat stat,
                                                                       Instant from) {
        List<String> names = metrics.stream().map(Metric::name).toList();
        TreeMap<Instant, Map<String, Double>> hours = new TreeMap<>();
        stack.forEachFunctionLogLine(line -> {
            if (!line.contains("\"_aws\"")) {
                return;
            }
            JsonNode node = Json.read(line);
            JsonNode directive = node.path("_aws").path("CloudWatchMetrics").path(0);
            if (!flow.equals(node.path("Flow").asText()) || !JsonLog.METRICS_NAMESPACE.equals(directive.path("Namespace").asText())) {
                return;
            }
            Instant at = Instant.ofEpochMilli(node.path("_aws").path("Timestamp").asLong());
            if (at.isBefore(from)) {
                return;
            }
            for (JsonNode metric : directive.path("Metrics")) {
                String name = metric.path("Name").asText();
                if (names.contains(name)) {
                    hours.computeIfAbsent(at.truncatedTo(ChronoUnit.HOURS), h -> new LinkedHashMap<>())
                            .merge(name, node.path(name).asDouble(), stat == Stat.SUM ? Double::sum : Math::max);
                }
            }
        });
        return hours;
    }

    private static TreeMap<Instant, Map<String, Double>> fromCloudWatch(StackResources stack, String flow, List<Metric> metrics, Stat stat,
                                                                      Instant from, Instant now) {
        List<MetricDataQuery> queries = new ArrayList<>();
        List<String> queried = new ArrayList<>();
        for (Metric metric : metrics) {
            for (Map<String, String> dimensions : metric.dimensions()) {
                List<Dimension> all = new ArrayList<>(List.of(Dimension.builder().name("Flow").value(flow).build()));
                dimensions.forEach((name, value) -> all.add(Dimension.builder().name(name).value(value).build()));
                queries.add(MetricDataQuery.builder().id("m" + queries.size()).returnData(true).metricStat(s -> s.period(HOUR_SECONDS)
                        .stat(stat == Stat.SUM ? "Sum" : "Maximum").metric(m -> m.namespace(JsonLog.METRICS_NAMESPACE).metricName(metric.name())
                                .dimensions(all))).build());
                queried.add(metric.name());
            }
        }
        TreeMap<Instant, Map<String, Double>> hours = new TreeMap<>();
        try (CloudWatchClient cloudWatch = stack.cloudWatch()) {
            for (MetricDataResult result : cloudWatch.getMetricDataPaginator(b -> b.startTime(from).endTime(now).metricDataQueries(queries))
                    .metricDataResults()) {
                String name = queried.get(Integer.parseInt(result.id().substring(1)));
                for (int i = 0; i < result.timestamps().size(); i++) {
                    hours.computeIfAbsent(result.timestamps().get(i).truncatedTo(ChronoUnit.HOURS), h -> new LinkedHashMap<>())
                            .merge(name, result.values().get(i), stat == Stat.SUM ? Double::sum : Math::max);
                }
            }
        }
        return hours;
    }
}
