package com.valuekiosk.kiosk.diagnostics.card;

import java.util.Arrays;
import java.util.List;

/**
 * Minimum, median, 95th percentile, maximum and mean of round-trip samples (nanoseconds). Percentiles by the
 * nearest-rank method: the p-th is the smallest sample with at least p % of the samples at or below it.
 */
public record LatencyStats(int count, long minNanos, long medianNanos, long p95Nanos, long maxNanos, long meanNanos) {

    public static LatencyStats of(List<Long> samples) {
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("no samples");
        }
        long[] sorted = samples.stream().mapToLong(Long::longValue).toArray();
        Arrays.sort(sorted);
        long sum = 0;
        for (long sample : sorted) {
            sum += sample;
        }
        return new LatencyStats(sorted.length, sorted[0], percentile(sorted, 50), percentile(sorted, 95),
                sorted[sorted.length - 1], sum / sorted.length);
    }

    /** Nearest rank of sorted samples. */
    static long percentile(long[] sorted, int p) {
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }

    /** "min 0.61 ms, median 0.80 ms, p95 1.32 ms, max 2.10 ms (100 commands)". */
    public String text() {
        return String.format(java.util.Locale.ROOT, "min %s, median %s, p95 %s, max %s (%d commands)", millis(minNanos),
                millis(medianNanos), millis(p95Nanos), millis(maxNanos), count);
    }

    public static String millis(long nanos) {
        return String.format(java.util.Locale.ROOT, "%.2f ms", nanos / 1_000_000.0);
    }
}
