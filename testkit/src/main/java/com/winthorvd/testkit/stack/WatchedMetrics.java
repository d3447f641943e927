package com.winthorvd.testkit.stack;

import com.fasterxml.jackson.databind.JsonNode;
import com.winthorvd.shared.json.Json;
import com.winthorvd.shared.log.JsonLog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/** The integration's own metrics (namespace winthor-vd) that the template's dashboard shows and its alarms watch. */
public final class WatchedMetrics {
    /** A metric by name and whole dimension set, as CloudWatch tells metrics apart; {@code where}: the widget or alarm. */
    public record Metric(String name, Map<String, String> dimensions, String where) {
    }

    private WatchedMetrics() {
    }

    /** Every metric of namespace winthor-vd in the dashboard's widgets and in the alarms (single-metric and metric math). */
    public static List<Metric> of(Template template) {
        List<Metric> out = new ArrayList<>();
        for (String id : template.resourcesOfType("AWS::CloudWatch::Dashboard")) {
            Object body = template.properties(id).get("DashboardBody");
            String text = String.valueOf(body instanceof Map<?, ?> sub ? sub.get("Fn::Sub") : body);
            JsonNode dashboard = Json.read(text.replaceAll("\\$\\{[^}]+}", "x"));
            for (JsonNode widget : dashboard.path("widgets")) {
                for (JsonNode metric : widget.path("properties").path("metrics")) {
                    if (!JsonLog.METRICS_NAMESPACE.equals(metric.path(0).asText())) {
                        continue;
                    }
                    Map<String, String> dimensions = new TreeMap<>();
                    for (int i = 2; i + 1 < metric.size() && metric.get(i).isTextual(); i += 2) {
                        dimensions.put(metric.get(i).asText(), metric.get(i + 1).asText());
                    }
                    out.add(new Metric(metric.path(1).asText(), dimensions, id + ": " + widget.path("properties").path("title").asText()));
                }
            }
        }
        for (String id : template.resourcesOfType("AWS::CloudWatch::Alarm")) {
            Map<String, Object> p = template.properties(id);
            if (JsonLog.METRICS_NAMESPACE.equals(p.get("Namespace"))) {
                out.add(new Metric(String.valueOf(p.get("MetricName")), dimensions(p.get("Dimensions")), id));
            }
            for (Object query : Template.list(p.get("Metrics"))) {
                Map<String, Object> metric = Template.map(Template.map(Template.map(query).get("MetricStat")).get("Metric"));
                if (JsonLog.METRICS_NAMESPACE.equals(metric.get("Namespace"))) {
                    out.add(new Metric(String.valueOf(metric.get("MetricName")), dimensions(metric.get("Dimensions")), id));
                }
            }
        }
        return out;
    }

    /** A template metric's Dimensions list (Name, Value) as CloudWatch matches it: the whole set. */
    static Map<String, String> dimensions(Object list) {
        Map<String, String> out = new TreeMap<>();
        for (Object d : Template.list(list)) {
            out.put(String.valueOf(Template.map(d).get("Name")), String.valueOf(Template.map(d).get("Value")));
        }
        return out;
    }
}
