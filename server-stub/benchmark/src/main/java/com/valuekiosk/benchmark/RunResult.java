package com.valuekiosk.benchmark;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * What one run on one database measured. Latencies and per-flow counts are of the measured flows;
 * failures and the money check cover the whole run, warm-up included.
 */
public record RunResult(DatabaseKind kind, String database, BenchmarkSettings settings, double setupSeconds,
                        long wallNanos, long completedFlows, Map<Metric, Latency> latencies, double requestsPerFlow,
                        double apdusPerFlow, long pendingNotices, long flowsWithAvailabilityRetry,
                        long availabilityRetries, long failures, Map<String, Integer> failureKinds, MoneyCheck money,
                        Efficiency efficiency, Statements statements) {

    /**
     * SQL statements per flow on each server's database, commits and CHECKPOINTs not included, the
     * transactions (commits) of both, and the CHECKPOINTs that wrote them to the files (the warm-up
     * flows on H2); -1 when not counted. {@code each}: every statement with its executions per flow,
     * credit company server's first, each server's most frequent first. {@code fileBytes}: what H2
     * wrote to the two files per flow, meanwhile.
     */
    public record Statements(double credit, double emoney, double transactions, double checkpoints, double fileBytes,
                             List<Each> each) {
        public static final Statements NONE = new Statements(-1, -1, -1, -1, -1, List.of());

        /** One statement as H2 saw it, on the server named. */
        public record Each(String server, String sql, double perFlow) {
        }

        static Statements perFlow(StatementCount.Counted credit, StatementCount.Counted emoney, long flows) {
            List<Each> each = new ArrayList<>();
            credit.executions().forEach((sql, count) -> each.add(new Each("credit", sql, (double) count / flows)));
            emoney.executions().forEach((sql, count) -> each.add(new Each("e-money", sql, (double) count / flows)));
            return new Statements((double) (credit.statements() - credit.commits() - credit.checkpoints()) / flows,
                    (double) (emoney.statements() - emoney.commits() - emoney.checkpoints()) / flows,
                    (double) (credit.commits() + emoney.commits()) / flows,
                    (double) (credit.checkpoints() + emoney.checkpoints()) / flows,
                    (double) (credit.fileBytes() + emoney.fileBytes()) / flows, List.copyOf(each));
        }
    }

    /**
     * The machine's HTTPS ceiling (hello-world requests/s, 0 when not measured) and the CPU time
     * used during the measured flows: this JVM's (servers and kiosks), the kiosk threads' own, and
     * PostgreSQL's processes' (-1 when not known: H2, or no {@code /proc}). With {@code loadProcess}
     * the kiosks ran in a process of their own: this JVM is the servers alone, and the kiosk
     * threads' CPU here is 0.
     *
     * <p>During the ceiling's measured time ({@code ceilingNanos} long), this JVM used
     * {@code jvmCeilingCpuNanos} (-1: not measured): with {@code loadProcess} that is the hello-world
     * server alone. The load generator's own CPU, during the flows and during the ceiling, is
     * {@code generatorCpuNanos} and {@code generatorCeilingCpuNanos} (-1 without {@code loadProcess}).
     * The JIT compiler threads used {@code jitCeilingCpuNanos} of this JVM's CPU in the ceiling's measured
     * time and {@code generatorCeilingJitNanos} of the load generator's (-1: not known).
     * This JVM's JIT compiler threads used {@code jitCpuNanos} during the measured flows (-1: not known),
     * and its threads allocated {@code allocatedBytes} on the heap (-1: not known).
     */
    public record Efficiency(double ceilingRequestsPerSecond, long jvmCpuNanos, long kioskCpuNanos, long postgresCpuNanos,
                             boolean loadProcess, long jvmCeilingCpuNanos, long ceilingNanos, long generatorCpuNanos,
                             long generatorCeilingCpuNanos, long jitCeilingCpuNanos, long generatorCeilingJitNanos,
                             long jitCpuNanos, long allocatedBytes) {
        public static final Efficiency NONE = new Efficiency(0, -1, -1, -1, false, -1, 0, -1, -1, -1, -1, -1, -1);

        /** Hello-world requests answered in the ceiling's measured time. */
        double ceilingRequests() {
            return ceilingRequestsPerSecond * ceilingNanos / 1e9;
        }

        /**
         * The JIT compiler threads' share of this JVM's CPU during the measured flows; -1 when not known.
         * On a small machine the one C2 thread takes minutes to catch up under load, and until it has,
         * the servers run partly on C1's slower code: their figures are not yet the steady ones.
         */
        double jitShare() {
            return jitCpuNanos < 0 || jvmCpuNanos <= 0 ? -1 : (double) jitCpuNanos / jvmCpuNanos;
        }

        /**
         * The JIT compiler threads' share of this JVM's CPU in the ceiling's measured time; -1 when not
         * known. Above {@link #STILL_COMPILING}, the hello-world path had not reached its speed.
         */
        double ceilingJitShare() {
            return jitCeilingCpuNanos < 0 || jvmCeilingCpuNanos <= 0 ? -1 : (double) jitCeilingCpuNanos / jvmCeilingCpuNanos;
        }

        /** The same in the load generator, whose clients the ceiling measures too; -1 when not known. */
        double generatorCeilingJitShare() {
            return generatorCeilingJitNanos < 0 || generatorCeilingCpuNanos <= 0 ? -1
                    : (double) generatorCeilingJitNanos / generatorCeilingCpuNanos;
        }

        /** Above this share of a JVM's CPU in its JIT compiler threads the report says it was still compiling. */
        static final double STILL_COMPILING = 0.10;
    }

    /** flows/s ÷ (ceiling ÷ requests a flow needs): 1 would be flows as cheap as hello-world requests. */
    public double ceilingRatio() {
        return efficiency.ceilingRequestsPerSecond() <= 0 ? 0
                : flowsPerSecond() / (efficiency.ceilingRequestsPerSecond() / Ceiling.REQUESTS_PER_FLOW);
    }

    /**
     * The highest {@link #ceilingRatio()} that {@code processors} cores leave these simulated kiosks,
     * were the servers to cost nothing: the load generator alone needs its CPU per flow, so flows/s
     * cannot pass the cores' time divided by it. 0 unless the kiosks ran in a load process and the
     * ceiling was measured.
     */
    public double ceilingRatioBound(int processors) {
        if (!efficiency.loadProcess() || efficiency.generatorCpuNanos() <= 0 || completedFlows == 0
                || efficiency.ceilingRequestsPerSecond() <= 0) {
            return 0;
        }
        double flowsPerSecond = processors * 1e9 / ((double) efficiency.generatorCpuNanos() / completedFlows);
        return flowsPerSecond / (efficiency.ceilingRequestsPerSecond() / Ceiling.REQUESTS_PER_FLOW);
    }

    /**
     * The servers' CPU per flow (their JVM and PostgreSQL), in ns; -1 when not known. Without a load
     * process the kiosks' HTTP client threads are in it.
     */
    public double serverCpuPerFlowNanos() {
        if (efficiency.jvmCpuNanos() < 0 || completedFlows == 0) {
            return -1;
        }
        return (efficiency.jvmCpuNanos() - efficiency.kioskCpuNanos() + Math.max(0, efficiency.postgresCpuNanos()))
                / (double) completedFlows;
    }

    /** The hello-world server's CPU per request, in ns; -1 unless the clients ran in a load process. */
    public double serverCpuPerHelloNanos() {
        if (!efficiency.loadProcess() || efficiency.jvmCeilingCpuNanos() < 0 || efficiency.ceilingRequests() <= 0) {
            return -1;
        }
        return efficiency.jvmCeilingCpuNanos() / efficiency.ceilingRequests();
    }

    /**
     * The same comparison as {@link #ceilingRatio()} in the servers' CPU alone, free of what the load
     * generator takes from the shared cores: (requests a flow needs × the hello-world server's CPU per
     * request) ÷ the servers' CPU per flow; 0 when not measured.
     */
    public double serverCpuRatio() {
        double hello = serverCpuPerHelloNanos();
        double flow = serverCpuPerFlowNanos();
        return hello <= 0 || flow <= 0 ? 0 : Ceiling.REQUESTS_PER_FLOW * hello / flow;
    }

    public double flowsPerSecond() {
        return wallNanos == 0 ? 0 : completedFlows / (wallNanos / 1e9);
    }

    /** Every flow succeeded, the money adds up, and it is what the flows moved. */
    public boolean ok() {
        return failures == 0 && money.holds() && money.billed() == money.expected();
    }
}
