package com.valuekiosk.benchmark;

import java.util.Map;

/**
 * What one run on one database measured. Latencies and per-flow counts are of the measured flows;
 * failures and the money check cover the whole run, warm-up included.
 */
public record RunResult(DatabaseKind kind, String database, BenchmarkSettings settings, double setupSeconds,
                        long wallNanos, long completedFlows, Map<Metric, Latency> latencies, double requestsPerFlow,
                        double apdusPerFlow, long pendingNotices, long flowsWithAvailabilityRetry,
                        long availabilityRetries, long failures, Map<String, Integer> failureKinds, MoneyCheck money) {

    public double flowsPerSecond() {
        return wallNanos == 0 ? 0 : completedFlows / (wallNanos / 1e9);
    }

    /** Every flow succeeded, the money adds up, and it is what the flows moved. */
    public boolean ok() {
        return failures == 0 && money.holds() && money.billed() == money.expected();
    }
}
