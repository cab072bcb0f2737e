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

    private static RunResult.Efficiency jitOf(long jvmCpuNanos, long jitCpuNanos) {
        return new RunResult.Efficiency(0, jvmCpuNanos, 0, -1, true, -1, 0, -1, -1, jitCpuNanos, -1);
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
