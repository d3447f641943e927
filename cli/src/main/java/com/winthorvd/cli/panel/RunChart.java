package com.winthorvd.cli.panel;

import com.winthorvd.shared.run.RunRecord;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A stacked bar chart of a flow's runs, oldest on the left: per run, its record counts summed by what happened to the
 * records ({@code product.queued} and {@code sku.queued} count as "queued"). Laid out here as SVG rectangles the
 * template draws: no script, no chart library.
 */
public record RunChart(int width, int height, List<Bar> bars, List<Legend> legend, long max) {
    static final int WIDTH = 760;
    static final int HEIGHT = 220;
    static final int TOP = 10;
    static final int BOTTOM = 30;
    private static final String[] COLORS = {"#2e7d32", "#1565c0", "#9e9e9e", "#ef6c00", "#c62828", "#6a1b9a", "#00838f", "#5d4037"};

    /** One piece of a run's bar: what happened to how many records, where it is drawn. */
    public record Segment(double x, double y, double width, double height, String color, String title) {
    }

    /** One run: its pieces, its label under the bar, and whether it had errors. */
    public record Bar(List<Segment> segments, double labelX, String label, boolean failed) {
    }

    public record Legend(String name, String color) {
    }

    static RunChart of(List<RunRecord> newestFirst, PtBr ptBr) {
        List<RunRecord> runs = new ArrayList<>(newestFirst);
        java.util.Collections.reverse(runs);
        TreeSet<String> outcomes = new TreeSet<>();
        List<Map<String, Long>> sums = new ArrayList<>();
        long max = 1;
        for (RunRecord run : runs) {
            Map<String, Long> sum = new LinkedHashMap<>();
            run.counts().forEach((name, n) -> sum.merge(name.substring(name.lastIndexOf('.') + 1), n, Long::sum));
            outcomes.addAll(sum.keySet());
            sums.add(sum);
            max = Math.max(max, sum.values().stream().mapToLong(Long::longValue).sum());
        }
        List<String> names = List.copyOf(outcomes);
        List<Legend> legend = new ArrayList<>();
        for (int i = 0; i < names.size(); i++) {
            legend.add(new Legend(names.get(i), COLORS[i % COLORS.length]));
        }
        double slot = runs.isEmpty() ? WIDTH : (double) WIDTH / runs.size();
        double plot = HEIGHT - TOP - BOTTOM;
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < runs.size(); i++) {
            double y = HEIGHT - BOTTOM;
            List<Segment> segments = new ArrayList<>();
            for (Legend outcome : legend) {
                long n = sums.get(i).getOrDefault(outcome.name(), 0L);
                if (n > 0) {
                    double h = plot * n / max;
                    y -= h;
                    segments.add(new Segment(i * slot + slot * 0.15, y, slot * 0.7, h, outcome.color(),
                            outcome.name() + ": " + ptBr.number(n)));
                }
            }
            bars.add(new Bar(segments, i * slot + slot / 2, ptBr.date(runs.get(i).startedAt()).substring(11, 16),
                    runs.get(i).errorCount() > 0 || "FAILED".equals(runs.get(i).status())));
        }
        return new RunChart(WIDTH, HEIGHT, bars, legend, max);
    }
}
