package com.winthorvd.cli.panel;

import com.winthorvd.cli.ops.PtBr;
import com.winthorvd.shared.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A stacked bar chart, oldest on the left: a flow's runs (each run's record counts summed by what happened to them:
 * {@code product.queued} and {@code sku.queued} count as "queued"), or the hours of the last day (records applied by
 * outcome, the stock lag). Laid out here as SVG rectangles the template draws: no script, no chart library.
 */
public record BarChart(int width, int height, List<Bar> bars, List<Legend> legend, long max) {
    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int TOP = 10;
    static final int BOTTOM = 30;
    private static final String[] COLORS = {"#2e7d32", "#c62828", "#1565c0", "#9e9e9e", "#ef6c00", "#6a1b9a", "#00838f", "#5d4037"};

    /** One piece of a bar: what happened to how many records, where it is drawn. */
    public record Segment(double x, double y, double width, double height, String color, String title) {
    }

    /** One column: its pieces, its label under the bar, and whether it had errors. */
    public record Bar(List<Segment> segments, double labelX, String label, boolean failed) {
    }

    public record Legend(String name, String color) {
    }

    /** What one bar shows: its label, a value per series, and whether to mark it as failed. */
    record Column(String label, Map<String, Long> values, boolean failed) {
    }

    /** A flow's runs, newest first as the run log gives them. */
    static BarChart ofRuns(List<RunRecord> newestFirst, PtBr ptBr) {
        List<Column> columns = new ArrayList<>();
        for (RunRecord run : newestFirst) {
            Map<String, Long> sum = new LinkedHashMap<>();
            run.counts().forEach((name, n) -> sum.merge(name.substring(name.lastIndexOf('.') + 1), n, Long::sum));
            columns.add(0, new Column(ptBr.date(run.startedAt()).substring(11, 16), sum, run.errorCount() > 0 || "FAILED".equals(run.status())));
        }
        return of(columns);
    }

    /** The hours of a metric's last day, each labelled with its start at São Paulo. */
    static BarChart ofHours(com.winthorvd.cli.ops.Operations.Hourly hourly, PtBr ptBr) {
        List<Column> columns = new ArrayList<>();
        for (int i = 0; i < hourly.hours().size(); i++) {
            columns.add(new Column(ptBr.date(hourly.hours().get(i)).substring(11, 13) + "h", hourly.values().get(i), false));
        }
        return of(columns);
    }

    static BarChart of(List<Column> columns) {
        java.util.Set<String> series = new java.util.LinkedHashSet<>();
        long max = 1;
        for (Column column : columns) {
            series.addAll(column.values().keySet());
            max = Math.max(max, column.values().values().stream().mapToLong(Long::longValue).sum());
        }
        List<Legend> legend = new ArrayList<>();
        for (String name : series) {
            legend.add(new Legend(name, COLORS[legend.size() % COLORS.length]));
        }
        double slot = columns.isEmpty() ? WIDTH : (double) WIDTH / columns.size();
        double plot = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < columns.size(); i++) {
            double y = HEIGHT - BOTTOM;
            List<Segment> segments = new ArrayList<>();
            for (Legend one : legend) {
                long n = columns.get(i).values().getOrDefault(one.name(), 0L);
                if (n > 0) {
                    double h = plot * n / max;
                    y -= h;
                    segments.add(new Segment(i * slot + slot * 0.15, y, slot * 0.7, h, one.color(), one.name() + ": " + n));
                }
            }
            bars.add(new Bar(segments, i * slot + slot / 2, columns.get(i).label(), columns.get(i).failed()));
        }
        return new BarChart(WIDTH, HEIGHT, bars, legend, max);
    }
}
