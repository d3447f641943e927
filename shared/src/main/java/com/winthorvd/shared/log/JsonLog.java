package com.winthorvd.shared.log;

import com.fasterxml.jackson.databind.node.ObjectNode;
import com.winthorvd.shared.json.Json;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Map;

/**
 * One JSON line per event: time, level, flow, runId, business key, message and fields. Every string passes
 * through {@link Redactor}; fields named like a secret are dropped to "***". Lambda ships stdout to CloudWatch.
 */
public final class JsonLog {
    public enum Level { DEBUG, INFO, WARN, ERROR }

    private final String flow;
    private final String runId;
    private final Clock clock;
    private final PrintStream out;

    public JsonLog(String flow, String runId, Clock clock, PrintStream out) {
        this.flow = flow;
        this.runId = runId;
        this.clock = clock;
        this.out = out;
    }

    public static JsonLog stdout(String flow, Clock clock) {
        return new JsonLog(flow, null, clock, System.out);
    }

    /** The same logger for one run of the flow. */
    public JsonLog forRun(String newRunId) {
        return new JsonLog(flow, newRunId, clock, out);
    }

    public void info(String key, String message) {
        log(Level.INFO, key, message, Map.of(), null);
    }

    public void info(String key, String message, Map<String, ?> fields) {
        log(Level.INFO, key, message, fields, null);
    }

    public void warn(String key, String message, Map<String, ?> fields) {
        log(Level.WARN, key, message, fields, null);
    }

    public void error(String key, String message, Throwable error) {
        log(Level.ERROR, key, message, Map.of(), error);
    }

    /** The CloudWatch namespace of the metrics the flows publish (alarms watch them). */
    public static final String METRICS_NAMESPACE = "winthor-vd";

    /**
     * A WARN line that is also a CloudWatch metric (embedded metric format: Lambda's log pipeline turns it into a data
     * point of {@code metric} in {@link #METRICS_NAMESPACE}, dimension Flow), so an alarm can watch, say, rejected orders.
     */
    public void metric(String metric, long value, String key, String message, Map<String, ?> fields) {
        ObjectNode node = (ObjectNode) Json.read(line(Level.WARN, key, message, fields, null));
        out.println(withMetrics(node, Map.of(), Map.of(metric, value)));
    }

    /**
     * Data points with no message of their own (a run's outcome, a service's state): one line in embedded metric
     * format, dimensions Flow and then {@code dimensions} in their order. A name ending in "Ms" is in milliseconds.
     */
    public void metrics(Map<String, String> dimensions, Map<String, ? extends Number> values) {
        ObjectNode node = (ObjectNode) Json.read(line(Level.INFO, null, "metrics", Map.of(), null));
        out.println(withMetrics(node, dimensions, values));
    }

    /** One record's outcome as a data point, Records{Outcome} of the entity (an apply's SYNCED, REJECTED, FAILED...). */
    public void outcome(String entity, String outcome) {
        metrics(Map.of("Entity", entity), Map.of(MetricNames.records(outcome), 1));
    }

    private ObjectNode withMetrics(ObjectNode node, Map<String, String> dimensions, Map<String, ? extends Number> values) {
        ObjectNode aws = node.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", METRICS_NAMESPACE);
        com.fasterxml.jackson.databind.node.ArrayNode names = directive.putArray("Dimensions").addArray().add("Flow");
        node.put("Flow", flow);
        dimensions.forEach((name, value) -> {
            names.add(name);
            node.put(name, value);
        });
        com.fasterxml.jackson.databind.node.ArrayNode metrics = directive.putArray("Metrics");
        values.forEach((name, value) -> {
            metrics.addObject().put("Name", name).put("Unit", name.endsWith("Ms") ? "Milliseconds" : "Count");
            node.put(name, value.doubleValue());
        });
        return node;
    }

    public void log(Level level, String key, String message, Map<String, ?> fields, Throwable error) {
        out.println(line(level, key, message, fields, error));
    }

    String line(Level level, String key, String message, Map<String, ?> fields, Throwable error) {
        ObjectNode node = Json.MAPPER.createObjectNode();
        node.put("time", clock.instant().toString());
        node.put("level", level.name());
        node.put("flow", flow);
        if (runId != null) {
            node.put("runId", runId);
        }
        if (key != null) {
            node.put("key", Redactor.redact(key));
        }
        node.put("message", Redactor.redact(message));
        fields.forEach((name, value) -> {
            if (Redactor.isSecretField(name)) {
                node.put(name, "***");
            } else if (value instanceof Number number) {
                node.put(name, number.toString().contains(".") ? number.doubleValue() : number.longValue());
            } else if (value instanceof Boolean flag) {
                node.put(name, flag);
            } else {
                node.put(name, value == null ? null : Redactor.redact(String.valueOf(value)));
            }
        });
        if (error != null) {
            node.put("error", error.getClass().getSimpleName());
            node.put("errorMessage", Redactor.redact(String.valueOf(error.getMessage())));
        }
        return node.toString();
    }
}
