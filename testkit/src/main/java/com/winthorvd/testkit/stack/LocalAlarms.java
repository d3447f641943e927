package com.winthorvd.testkit.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * CloudWatch's part for the template's alarms on the integration's own metrics: reads the data points the functions
 * wrote in embedded metric format (their log lines) and evaluates each single-metric alarm of namespace winthor-vd as
 * CloudWatch would: the statistic per period, the last EvaluationPeriods periods, DatapointsToAlarm of them breaching,
 * missing data as TreatMissingData says. So a test can show that a fault trips the alarm the template declares, with
 * the metric name and dimensions the code really emits. Alarms on AWS's own metrics (SQS, Lambda) and metric math
 * are not evaluated here.
 */
public final class LocalAlarms {
    /** One data point of an EMF line: metric, its dimensions, value and timestamp. */
    public record DataPoint(String metric, Map<String, String> dimensions, double value, long timestampMillis) {
    }

    /** An alarm as evaluated at a moment: its state and the values per period it looked at (null: no data). */
    public record State(String alarm, boolean inAlarm, List<Double> periods) {
    }

    private final Template template;

    public LocalAlarms(Template template) {
        this.template = template;
    }

    /** Every data point of the namespace in these log lines (lines that are not EMF are skipped). */
    public static List<DataPoint> dataPoints(List<String> lines) {
        List<DataPoint> out = new ArrayList<>();
        for (String line : lines) {
            if (!line.contains("\"_aws\"")) {
                continue;
            }
            JsonNode node = Json.read(line);
            long timestamp = node.path("_aws").path("Timestamp").asLong();
            for (JsonNode directive : node.path("_aws").path("CloudWatchMetrics")) {
                if (!JsonLog.METRICS_NAMESPACE.equals(directive.path("Namespace").asText())) {
                    continue;
                }
                Map<String, String> dimensions = new TreeMap<>();
                directive.path("Dimensions").path(0).forEach(d -> dimensions.put(d.asText(), node.path(d.asText()).asText()));
                for (JsonNode metric : directive.path("Metrics")) {
                    String name = metric.path("Name").asText();
                    out.add(new DataPoint(name, dimensions, node.path(name).asDouble(), timestamp));
                }
            }
        }
        return out;
    }

    /** The alarm's state at {@code nowMillis} from these data points. */
    public State evaluate(String alarm, List<DataPoint> points, long nowMillis) {
        Map<String, Object> p = template.properties(alarm);
        if (!JsonLog.METRICS_NAMESPACE.equals(p.get("Namespace"))) {
            throw new IllegalArgumentException(alarm + " is not a single-metric alarm on " + JsonLog.METRICS_NAMESPACE);
        }
        Map<String, String> dimensions = WatchedMetrics.dimensions(p.get("Dimensions"));
        String metric = String.valueOf(p.get("MetricName"));
        long period = Long.parseLong(String.valueOf(p.get("Period"))) * 1000;
        int evaluationPeriods = Integer.parseInt(String.valueOf(p.get("EvaluationPeriods")));
        int toAlarm = Integer.parseInt(String.valueOf(p.getOrDefault("DatapointsToAlarm", evaluationPeriods)));
        double threshold = Double.parseDouble(String.valueOf(p.get("Threshold")));
        String statistic = String.valueOf(p.get("Statistic"));
        boolean missingBreaches = "breaching".equals(p.get("TreatMissingData"));
        long lastPeriodStart = Math.floorDiv(nowMillis, period) * period;
        Map<Long, List<Double>> byPeriod = new LinkedHashMap<>();
        for (DataPoint point : points) {
            // CloudWatch matches a metric by its whole dimension set: Flow=health alone is not Flow=health,Service=x.
            if (point.metric().equals(metric) && point.dimensions().equals(dimensions)) {
                byPeriod.computeIfAbsent(Math.floorDiv(point.timestampMillis(), period) * period, k -> new ArrayList<>()).add(point.value());
            }
        }
        List<Double> values = new ArrayList<>();
        int breaching = 0;
        for (int i = evaluationPeriods - 1; i >= 0; i--) {
            List<Double> in = byPeriod.get(lastPeriodStart - i * period);
            Double value = in == null ? null : statistic(statistic, in);
            values.add(value);
            if (value == null ? missingBreaches : compare(String.valueOf(p.get("ComparisonOperator")), value, threshold)) {
                breaching++;
            }
        }
        return new State(alarm, breaching >= toAlarm, values);
    }

    private static double statistic(String name, List<Double> values) {
        return switch (name) {
            case "Sum" -> values.stream().mapToDouble(Double::doubleValue).sum();
            case "Maximum" -> values.stream().mapToDouble(Double::doubleValue).max().orElseThrow();
            case "Minimum" -> values.stream().mapToDouble(Double::doubleValue).min().orElseThrow();
            case "Average" -> values.stream().mapToDouble(Double::doubleValue).average().orElseThrow();
            case "SampleCount" -> values.size();
            default -> throw new IllegalArgumentException("statistic " + name + " is not evaluated locally");
        };
    }

    private static boolean compare(String operator, double value, double threshold) {
        return switch (operator) {
            case "GreaterThanOrEqualToThreshold" -> value >= threshold;
            case "GreaterThanThreshold" -> value > threshold;
            case "LessThanThreshold" -> value < threshold;
            case "LessThanOrEqualToThreshold" -> value <= threshold;
            default -> throw new IllegalArgumentException("comparison " + operator + " is not evaluated locally");
        };
    }
}
