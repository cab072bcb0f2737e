package com.valuekiosk.benchmark;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/**
 * Keeps the benchmark from rotting: its core runs a tiny load on H2 — real servers, real TLS, real
 * cards — and every flow must succeed and the money add up. Timings are printed, never asserted.
 */
class ServerLoadBenchmarkSmokeTest {

    @Test
    void twoKiosksRunThreeFlowsEachWithoutFailureAndTheMoneyAddsUp() throws Exception {
        BenchmarkSettings settings = withOneSecondCeiling(BenchmarkSettings.of(2, 1, 3));

        RunResult result = ServerLoadBenchmark.run(DatabaseKind.H2, settings, false, System.out);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report.print(result, Machine.current(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertThat(result.failureKinds()).as("failures").isEmpty();
        assertThat(result.failures()).isZero();
        assertThat(result.completedFlows()).isEqualTo(6);
        assertThat(result.latencies().get(Metric.FLOW).count()).isEqualTo(6);
        assertThat(result.latencies().get(Metric.COMPLETION).count()).isEqualTo(6);
        assertThat(result.requestsPerFlow()).isGreaterThanOrEqualTo(4.0);
        MoneyCheck money = result.money();
        assertThat(money.billed()).as("billed, warm-up included").isEqualTo(2 * 4 * settings.amount());
        assertThat(money.cardIncrease()).as("what the purses gained").isEqualTo(money.billed());
        assertThat(money.completed()).as("COMPLETED charges").isEqualTo(money.billed());
        assertThat(money.openPreparations()).isZero();
        assertThat(result.ok()).isTrue();
        assertThat(result.efficiency().ceilingRequestsPerSecond()).as("hello-world requests/s").isPositive();
        assertThat(result.efficiency().jvmCpuNanos()).as("this JVM's CPU time").isPositive();
        assertThat(result.efficiency().kioskCpuNanos()).as("the kiosk threads' CPU time").isPositive();
        assertThat(result.statements().credit()).as("the credit company's statements per flow").isPositive();
        assertThat(result.statements().emoney()).as("the e-money server's").isPositive();
        assertThat(report).contains("ceiling     :").contains("CPU per flow:").contains("SQL         :");
        assertThat(result.statements().each()).as("each warm-up flow bills once")
                .filteredOn(each -> each.sql().startsWith("INSERT INTO billing_records"))
                .singleElement().satisfies(each -> {
                    assertThat(each.server()).isEqualTo("credit");
                    assertThat(each.perFlow()).isEqualTo(1.0);
                });
        ByteArrayOutputStream listed = new ByteArrayOutputStream();
        Report.print(result, Machine.current(), new PrintStream(listed, true, StandardCharsets.UTF_8), true);
        assertThat(listed.toString(StandardCharsets.UTF_8)).contains("  credit    1.00  INSERT INTO billing_records");
        assertThat(report).doesNotContain("INSERT INTO billing_records");
        assertThat(report).contains("result      : OK").doesNotContain("4999980000000001", "9999980000000001");
    }

    @Test
    void theKiosksCanRunInALoadGeneratorProcessOfTheirOwn() throws Exception {
        BenchmarkSettings settings = withOneSecondCeiling(BenchmarkSettings.of(2, 1, 2));

        RunResult result = BenchmarkRun.run(DatabaseKind.H2, settings, false, new BenchmarkRun.LoadPlacement(true, null),
                System.out);

        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        Report.print(result, Machine.current(), new PrintStream(printed, true, StandardCharsets.UTF_8));
        String report = printed.toString(StandardCharsets.UTF_8);
        System.out.print(report);
        assertThat(result.failureKinds()).as("failures").isEmpty();
        assertThat(result.completedFlows()).isEqualTo(4);
        assertThat(result.latencies().get(Metric.PURCHASE).count()).isEqualTo(4);
        assertThat(result.apdusPerFlow()).isEqualTo(6.0);
        assertThat(result.money().cardIncrease()).as("what the purses, in the other process, gained")
                .isEqualTo(2 * 3 * settings.amount());
        assertThat(result.ok()).isTrue();
        assertThat(result.efficiency().loadProcess()).isTrue();
        assertThat(result.efficiency().kioskCpuNanos()).as("no kiosk thread in the servers' JVM").isZero();
        assertThat(result.efficiency().jvmCpuNanos()).as("the servers' JVM's CPU time").isPositive();
        assertThat(result.efficiency().ceilingRequestsPerSecond()).as("asked from the load generator").isPositive();
        assertThat(result.efficiency().jvmCeilingCpuNanos()).as("the hello-world server's CPU time").isPositive();
        assertThat(result.efficiency().generatorCpuNanos()).as("the load generator's CPU time in the flows").isPositive();
        assertThat(result.efficiency().generatorCeilingCpuNanos()).as("and in the ceiling").isPositive();
        assertThat(result.serverCpuRatio()).isPositive();
        assertThat(report).contains("the kiosks ran in a process of their own").contains("CPU ratio   :")
                .contains("load gen.   :").contains("result      : OK");
    }

    private static BenchmarkSettings withOneSecondCeiling(BenchmarkSettings defaults) {
        return new BenchmarkSettings(defaults.kiosks(), defaults.warmupFlows(), defaults.flows(), defaults.amount(),
                defaults.availabilityAttempts(), defaults.availabilityPause(), defaults.deliveryInterval(),
                defaults.chargeAfter(), java.time.Duration.ofSeconds(1));
    }
}
