package com.valuekiosk.benchmark;

import java.util.Map;

/**
 * What one run on one database measured. Latencies and per-flow counts are of the measured flows;
 * failures and the money check cover the whole run, warm-up included.
 */
public record RunResult(DatabaseKind kind, String database, BenchmarkSettings settings, double setupSeconds,
                        long wallNanos, long completedFlows, Map<Metric, Latency> latencies, double requestsPerFlow,
                        double apdusPerFlow, long pendingNotices, long flowsWithAvailabilityRetry,
                        long availabilityRetries, long failures, Map<String, Integer> failureKinds, MoneyCheck money,
                        Efficiency efficiency) {

    /**
     * The machine's HTTPS ceiling (hello-world requests/s, 0 when not measured) and the CPU time
     * used during the measured flows: this JVM's (servers and kiosks), the kiosk threads' own, and
     * PostgreSQL's processes' (-1 when not known: H2, or no {@code /proc}). With {@code loadProcess}
     * the kiosks ran in a process of their own: this JVM is the servers alone, and the kiosk
     * threads' CPU here is 0.
     */
    public record Efficiency(double ceilingRequestsPerSecond, long jvmCpuNanos, long kioskCpuNanos, long postgresCpuNanos,
                             boolean loadProcess) {
        public static final Efficiency NONE = new Efficiency(0, -1, -1, -1, false);
    }

    /** flows/s ÷ (ceiling ÷ requests a flow needs): 1 would be flows as cheap as hello-world requests. */
    public double ceilingRatio() {
        return efficiency.ceilingRequestsPerSecond() <= 0 ? 0
                : flowsPerSecond() / (efficiency.ceilingRequestsPerSecond() / Ceiling.REQUESTS_PER_FLOW);
    }


    public double flowsPerSecond() {
        return wallNanos == 0 ? 0 : completedFlows / (wallNanos / 1e9);
    }

    /** Every flow succeeded, the money adds up, and it is what the flows moved. */
    public boolean ok() {
        return failures == 0 && money.holds() && money.billed() == money.expected();
    }
}
