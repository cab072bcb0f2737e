package com.valuekiosk.benchmark;

import java.util.Arrays;
import java.util.Collection;

/**
 * Percentiles of a set of samples, in milliseconds, by the nearest-rank method: p99 of 1,600 samples
 * is the 1,584th smallest. {@code count} 0 means there was nothing to measure (all values 0).
 */
public record Latency(int count, double p50, double p90, double p99, double max, double mean) {

    static Latency of(Collection<Samples> parts) {
        return of(concat(parts));
    }

    /** Every sample of {@code parts}, one after the other. */
    static long[] concat(Collection<Samples> parts) {
        long[] all = new long[parts.stream().mapToInt(Samples::size).sum()];
        int at = 0;
        for (Samples part : parts) {
            long[] values = part.toArray();
            System.arraycopy(values, 0, all, at, values.length);
            at += values.length;
        }
        return all;
    }

    static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        double sum = 0;
        for (long value : sorted) {
            sum += value;
        }
        return new Latency(sorted.length, millis(rank(sorted, 0.50)), millis(rank(sorted, 0.90)),
                millis(rank(sorted, 0.99)), millis(sorted[sorted.length - 1]), sum / sorted.length / 1e6);
    }

    private static long rank(long[] sorted, double fraction) {
        int index = (int) Math.ceil(fraction * sorted.length) - 1;
        return sorted[Math.max(0, Math.min(index, sorted.length - 1))];
    }

    private static double millis(long nanos) {
        return nanos / 1e6;
    }
}
