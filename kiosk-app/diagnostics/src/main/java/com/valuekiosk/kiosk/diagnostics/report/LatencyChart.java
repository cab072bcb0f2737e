package com.valuekiosk.kiosk.diagnostics.report;

import com.valuekiosk.kiosk.diagnostics.Check;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.card.LatencyStats;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.style.Styler;

/**
 * The report's latency chart (XChart, drawn headless with AWT): per reader, the APDU round trip's min, median, p95
 * and max in milliseconds, and per server the time of each step — as one PNG.
 */
public final class LatencyChart {

    public static final int WIDTH = 760;
    public static final int HEIGHT = 320;

    private LatencyChart() {
    }

    /** The PNG, or empty when no result has a time to draw. */
    public static Optional<byte[]> png(List<CheckResult> results) {
        List<String> readers = new ArrayList<>();
        List<LatencyStats> stats = new ArrayList<>();
        for (CheckResult result : results) {
            if (result.check() == Check.TIMING && !result.samplesNanos().isEmpty()) {
                readers.add(result.subject());
                stats.add(LatencyStats.of(result.samplesNanos()));
            }
        }
        if (readers.isEmpty()) {
            return Optional.empty();
        }
        CategoryChart chart = new CategoryChartBuilder().width(WIDTH).height(HEIGHT)
                .title("APDU round trip per reader").xAxisTitle("reader").yAxisTitle("ms").build();
        chart.getStyler().setLegendPosition(Styler.LegendPosition.OutsideE);
        chart.getStyler().setChartBackgroundColor(java.awt.Color.WHITE);
        chart.getStyler().setPlotGridVerticalLinesVisible(false);
        chart.getStyler().setDecimalPattern("#0.00");
        chart.getStyler().setLabelsVisible(true);
        chart.addSeries("min", readers, stats.stream().map(s -> s.minNanos() / 1e6).toList());
        chart.addSeries("median", readers, stats.stream().map(s -> s.medianNanos() / 1e6).toList());
        chart.addSeries("p95", readers, stats.stream().map(s -> s.p95Nanos() / 1e6).toList());
        chart.addSeries("max", readers, stats.stream().map(s -> s.maxNanos() / 1e6).toList());
        try {
            return Optional.of(BitmapEncoder.getBitmapBytes(chart, BitmapEncoder.BitmapFormat.PNG));
        } catch (IOException e) {
            throw new UncheckedIOException("the latency chart could not be drawn", e);
        }
    }
}
