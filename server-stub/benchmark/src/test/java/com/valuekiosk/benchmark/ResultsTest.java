package com.valuekiosk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The arithmetic of the results: percentiles and the verdict of a run. */
class ResultsTest {

    @Test
    void percentilesAreNearestRankOverAllThreadsSamples() {
        Samples first = new Samples(1);
        Samples second = new Samples(1);
        for (int ms = 1; ms <= 100; ms++) {
            (ms % 2 == 0 ? first : second).add(ms * 1_000_000L);
        }

        Latency latency = Latency.of(List.of(first, second));

        assertThat(latency.count()).isEqualTo(100);
        assertThat(latency.p50()).isEqualTo(50.0);
        assertThat(latency.p90()).isEqualTo(90.0);
        assertThat(latency.p99()).isEqualTo(99.0);
        assertThat(latency.max()).isEqualTo(100.0);
        assertThat(latency.mean()).isEqualTo(50.5);
    }

    @Test
    void noSamplesGiveAnEmptyLatency() {
        assertThat(Latency.of(List.of(new Samples(4))).count()).isZero();
    }

    @Test
    void aRunWithAFailedFlowOrMoneyThatDoesNotAddUpIsNotOk() {
        MoneyCheck balanced = new MoneyCheck(2_000, 2, 2_000, 1, 2_000, 2, 2_000, java.util.Map.of(), 0);
        MoneyCheck unbalanced = new MoneyCheck(2_000, 2, 1_000, 1, 2_000, 2, 2_000, java.util.Map.of(), 0);

        assertThat(result(0, balanced).ok()).isTrue();
        assertThat(result(1, balanced).ok()).isFalse();
        assertThat(result(0, unbalanced).ok()).isFalse();
    }

    @Test
    void theReportSaysWhenTheServersWereStillCompiling() {
        MoneyCheck balanced = new MoneyCheck(2_000, 2, 2_000, 1, 2_000, 2, 2_000, java.util.Map.of(), 0);

        String compiling = report(result(balanced, jitOf(1_000_000, 200_000)));
        String steady = report(result(balanced, jitOf(1_000_000, 50_000)));

        assertThat(compiling).contains("(20 % of that JVM's)").contains("STILL COMPILING");
        assertThat(steady).contains("(5 % of that JVM's)").doesNotContain("STILL COMPILING");
    }

    @Test
    void theRatioIsBoundedByWhatTheLoadGeneratorAloneNeedsPerFlow() {
        MoneyCheck balanced = new MoneyCheck(2_000, 2, 2_000, 1, 2_000, 2, 2_000, java.util.Map.of(), 0);
        // 2 flows, for which the load generator took 2 ms of CPU: 1 ms a flow. A ceiling of 10,000
        // requests/s is 2,000 flows/s of 5 requests.
        RunResult.Efficiency measured = new RunResult.Efficiency(10_000, 1_000_000, 0, -1, true, 100_000, 1_000_000_000,
                2_000_000, 500_000, 1_000, 5_000, -1, -1);
        RunResult.Efficiency inProcess = new RunResult.Efficiency(10_000, 1_000_000, 0, -1, false, 100_000, 1_000_000_000,
                -1, -1, 1_000, -1, -1, -1);

        // 2 cores give 2,000 flows/s at 1 ms a flow: a ratio of 1.0 at most; 1 core, 0.5.
        assertThat(result(balanced, measured).ceilingRatioBound(2)).isEqualTo(1.0);
        assertThat(result(balanced, measured).ceilingRatioBound(1)).isEqualTo(0.5);
        assertThat(result(balanced, inProcess).ceilingRatioBound(2)).as("the kiosks' CPU not known apart").isZero();
        assertThat(report(result(balanced, measured))).containsPattern("the ratio could not pass \\d+\\.\\d\\d, were the servers free");
    }

    @Test
    void theReportSaysWhenTheCeilingWasMeasuredWhileAJvmStillCompiled() {
        MoneyCheck balanced = new MoneyCheck(2_000, 2, 2_000, 1, 2_000, 2, 2_000, java.util.Map.of(), 0);

        String serversCompiling = report(result(balanced, ceilingJitOf(200_000, 10_000)));
        String generatorCompiling = report(result(balanced, ceilingJitOf(10_000, 300_000)));
        String steady = report(result(balanced, ceilingJitOf(10_000, 20_000)));

        assertThat(serversCompiling).contains("ceiling JIT : 20 % of the servers' JVM's CPU in its compiler threads,"
                + " 1 % of the load generator's").contains("STILL COMPILING: the ceiling is below");
        assertThat(generatorCompiling).contains("30 % of the load generator's").contains("STILL COMPILING: the ceiling is below");
        assertThat(steady).contains("ceiling JIT : 1 % of the servers' JVM's CPU").doesNotContain("STILL COMPILING");
    }

    /** A ceiling measured for 1 s in which the servers' JVM and the load generator each used 1 ms of CPU. */
    private static RunResult.Efficiency ceilingJitOf(long serversJitNanos, long generatorJitNanos) {
        return new RunResult.Efficiency(10_000, 1_000_000, 0, -1, true, 1_000_000, 1_000_000_000, 2_000_000, 1_000_000,
                serversJitNanos, generatorJitNanos, -1, -1);
    }

    private static RunResult.Efficiency jitOf(long jvmCpuNanos, long jitCpuNanos) {
        return new RunResult.Efficiency(0, jvmCpuNanos, 0, -1, true, -1, 0, -1, -1, -1, -1, jitCpuNanos, -1);
    }

    private static String report(RunResult result) {
        java.io.ByteArrayOutputStream printed = new java.io.ByteArrayOutputStream();
        Report.print(result, Machine.current(), new java.io.PrintStream(printed, true, java.nio.charset.StandardCharsets.UTF_8));
        return printed.toString(java.nio.charset.StandardCharsets.UTF_8);
    }

    private static RunResult result(MoneyCheck money, RunResult.Efficiency efficiency) {
        return new RunResult(DatabaseKind.H2, "H2", BenchmarkSettings.of(1, 0, 2), 0, 1, 2, java.util.Map.of(), 4, 17,
                0, 0, 0, 0, java.util.Map.of(), money, efficiency, RunResult.Statements.NONE);
    }

    private static RunResult result(long failures, MoneyCheck money) {
        return new RunResult(DatabaseKind.H2, "H2", BenchmarkSettings.of(1, 0, 2), 0, 1, 2, java.util.Map.of(), 4, 17,
                0, 0, 0, failures, java.util.Map.of(), money, RunResult.Efficiency.NONE,
                RunResult.Statements.NONE);
    }
}
