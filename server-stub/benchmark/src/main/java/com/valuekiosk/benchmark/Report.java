package com.valuekiosk.benchmark;

import java.io.PrintStream;
import java.util.Locale;
import java.util.Map;

/** The printed result of one run: machine, parameters, throughput, latencies, money check, failures. */
final class Report {

    private Report() {
    }

    /** {@link RunResult#ceilingRatio()} with two decimals, or "n/a" when the ceiling was not measured. */
    static String ratio(RunResult result) {
        return result.efficiency().ceilingRequestsPerSecond() <= 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", result.ceilingRatio());
    }

    /** The servers' JVM CPU (less the kiosk threads) plus PostgreSQL's, per measured flow, in ms. */
    static String serverCpuPerFlow(RunResult result) {
        double nanos = result.serverCpuPerFlowNanos();
        return nanos < 0 ? "n/a" : String.format(Locale.ROOT, "%.2f", nanos / 1e6);
    }

    private static String perFlow(RunResult result, long nanos) {
        return nanos < 0 || result.completedFlows() == 0 ? "n/a"
                : String.format(Locale.ROOT, "%.2f", nanos / 1e6 / result.completedFlows());
    }

    /** Whether the ceiling was measured while a JVM still compiled the hello-world path: then it is too low. */
    private static void printCeilingJit(RunResult.Efficiency efficiency, PrintStream out) {
        double servers = efficiency.ceilingJitShare();
        double generator = efficiency.generatorCeilingJitShare();
        if (servers < 0) {
            return;
        }
        String inGenerator = generator < 0 ? "" : String.format(Locale.ROOT, ", %.0f %% of the load generator's", 100 * generator);
        boolean compiling = Math.max(servers, generator) > RunResult.Efficiency.STILL_COMPILING;
        out.printf(Locale.ROOT, "ceiling JIT : %.0f %% of the servers' JVM's CPU in its compiler threads%s, in the ceiling's"
                        + " measured time%s%n", 100 * servers, inGenerator,
                compiling ? " -- STILL COMPILING: the ceiling is below what the stack can do; more --ceiling-seconds" : "");
    }

    static void print(RunResult result, Machine machine, PrintStream out) {
        print(result, machine, out, false);
    }

    /** As above; with {@code listStatements}, every SQL statement H2 counted, with its executions per flow. */
    static void print(RunResult result, Machine machine, PrintStream out, boolean listStatements) {
        BenchmarkSettings settings = result.settings();
        out.println();
        out.println("=== ValueKiosk server load benchmark: " + result.kind().label() + " ===");
        out.printf(Locale.ROOT, "machine     : %d available processors (%s), max heap %d MiB, Java %s (%s), %s %s%n",
                machine.processors(), machine.cpu(), machine.maxHeapBytes() / (1024 * 1024), machine.javaVersion(),
                machine.javaVm(), machine.os(), machine.arch());
        out.println("database    : " + result.database());
        out.printf(Locale.ROOT, "parameters  : %d kiosks (one thread, one HTTPS client, one credit card and one purse each),"
                        + " %d warm-up + %d measured flows per kiosk, %,d %s per flow;"
                        + " background notice delivery every %d ms; charge-up touched %d ms after the purchase's answer;"
                + " availability asked up to %d times, %d ms apart%n",
                settings.kiosks(), settings.warmupFlows(), settings.flows(), settings.amount(), "JPY",
                settings.deliveryInterval().toMillis(), settings.chargeAfter().toMillis(), settings.availabilityAttempts(),
                settings.availabilityPause().toMillis());
        if (result.efficiency().loadProcess()) {
            out.printf(Locale.ROOT, "setup       : %.1f s (PKI, both servers, registrations; the load generator"
                    + " personalises its %d cards itself)%n", result.setupSeconds(), 2 * settings.kiosks());
        } else {
            out.printf(Locale.ROOT, "setup       : %.1f s (PKI, both servers, registrations, %d personalised cards)%n",
                    result.setupSeconds(), 2 * settings.kiosks());
        }
        out.printf(Locale.ROOT, "wall time   : %.3f s (measured flows only)%n", result.wallNanos() / 1e9);
        out.printf(Locale.ROOT, "throughput  : %.1f completed flows/s (%d completed, %d expected)%n",
                result.flowsPerSecond(), result.completedFlows(), (long) settings.kiosks() * settings.flows());
        out.printf(Locale.ROOT, "per flow    : %.2f HTTPS requests from the kiosk (+1 notice credit -> e-money server),"
                + " %.1f APDUs%n", result.requestsPerFlow(), result.apdusPerFlow());
        RunResult.Efficiency efficiency = result.efficiency();
        if (efficiency.ceilingRequestsPerSecond() > 0) {
            out.printf(Locale.ROOT, "ceiling     : %.0f hello-world requests/s (same Jetty, TLS 1.3 with client certificates,"
                            + " %d keep-alive clients%s) -> ratio %s = flows/s / (ceiling / %d requests per flow)%n",
                    efficiency.ceilingRequestsPerSecond(), settings.kiosks(),
                    efficiency.loadProcess() ? " in the load generator's process" : "", ratio(result), Ceiling.REQUESTS_PER_FLOW);
            printCeilingJit(efficiency, out);
        }
        String postgres = efficiency.postgresCpuNanos() < 0 ? ""
                : ", PostgreSQL's processes " + perFlow(result, efficiency.postgresCpuNanos()) + " ms";
        if (efficiency.loadProcess()) {
            out.printf(Locale.ROOT, "CPU per flow: servers' JVM %s ms (the kiosks ran in a process of their own)%s"
                    + " -> server side %s ms%n", perFlow(result, efficiency.jvmCpuNanos()), postgres, serverCpuPerFlow(result));
        } else {
            out.printf(Locale.ROOT, "CPU per flow: servers %s ms (this JVM %s ms less the kiosk threads' %s ms; the kiosks'"
                            + " HTTP client threads count as the servers')%s -> server side %s ms%n",
                    perFlow(result, efficiency.jvmCpuNanos() < 0 ? -1 : efficiency.jvmCpuNanos() - efficiency.kioskCpuNanos()),
                    perFlow(result, efficiency.jvmCpuNanos()), perFlow(result, efficiency.kioskCpuNanos()), postgres,
                    serverCpuPerFlow(result));
        }
        if (result.serverCpuRatio() > 0) {
            out.printf(Locale.ROOT, "CPU ratio   : %.2f = %d x the hello-world server's %.3f ms per request / the servers' %s ms"
                            + " per flow (the same comparison, without the load generator's share of the cores)%n",
                    result.serverCpuRatio(), Ceiling.REQUESTS_PER_FLOW, result.serverCpuPerHelloNanos() / 1e6,
                    serverCpuPerFlow(result));
            out.printf(Locale.ROOT, "load gen.   : %s ms CPU per flow (cards on jcardsim, JSON, HTTPS clients), %.3f ms per"
                            + " hello-world request -> on %d cores the ratio could not pass %.2f, were the servers free%n",
                    perFlow(result, efficiency.generatorCpuNanos()),
                    efficiency.generatorCeilingCpuNanos() < 0 ? Double.NaN
                            : efficiency.generatorCeilingCpuNanos() / 1e6 / efficiency.ceilingRequests(),
                    machine.processors(), result.ceilingRatioBound(machine.processors()));
        }
        if (efficiency.allocatedBytes() >= 0 && efficiency.loadProcess()) {
            out.printf(Locale.ROOT, "allocated   : %.1f KB per flow on the servers' JVM's heap (moves less with the machine's speed than CPU"
                    + " time)%n", efficiency.allocatedBytes() / 1024.0 / Math.max(1, result.completedFlows()));
        }
        if (efficiency.jitShare() >= 0) {
            double share = efficiency.jitShare();
            out.printf(Locale.ROOT, "JIT         : %s ms CPU per flow in the servers' JVM's compiler threads (%.0f %% of that JVM's),"
                            + " included above%s%n", perFlow(result, efficiency.jitCpuNanos()), 100 * share,
                    share > RunResult.Efficiency.STILL_COMPILING
                            ? " -- STILL COMPILING: the servers ran partly on unoptimised code; more --warmup for steady figures"
                            : "");
        }
        RunResult.Statements statements = result.statements();
        if (statements.credit() >= 0) {
            out.printf(Locale.ROOT, "SQL         : %.1f statements per flow (credit company %.1f, e-money %.1f) in %.1f"
                            + " transactions, written to the files by %.1f CHECKPOINTs, %.1f KB a flow (%.1f KB a CHECKPOINT);"
                            + " counted by H2 in the warm-up flows%n",
                    statements.credit() + statements.emoney(), statements.credit(), statements.emoney(),
                    statements.transactions(), statements.checkpoints(), statements.fileBytes() / 1024,
                    statements.checkpoints() <= 0 ? 0 : statements.fileBytes() / 1024 / statements.checkpoints());
            if (listStatements) {
                for (RunResult.Statements.Each each : statements.each()) {
                    out.printf(Locale.ROOT, "  %-8s %5.2f  %s%n", each.server(), each.perFlow(), each.sql());
                }
            }
        }
        out.printf(Locale.ROOT, "notices     : %d purchases answered PENDING; %d flows asked availability again"
                + " (%d extra requests)%n", result.pendingNotices(), result.flowsWithAvailabilityRetry(),
                result.availabilityRetries());
        out.println();
        out.printf(Locale.ROOT, "%-38s %7s %9s %9s %9s %9s %9s%n", "latency (ms)", "count", "p50", "p90", "p99", "max", "mean");
        for (Map.Entry<Metric, Latency> entry : result.latencies().entrySet()) {
            Latency latency = entry.getValue();
            out.printf(Locale.ROOT, "%-38s %7d %9.2f %9.2f %9.2f %9.2f %9.2f%n", entry.getKey().label(), latency.count(),
                    latency.p50(), latency.p90(), latency.p99(), latency.max(), latency.mean());
        }
        out.println();
        MoneyCheck money = result.money();
        out.printf(Locale.ROOT, "money check : billed %,d (%d billing_records) | purses +%,d (%d cards)"
                        + " | COMPLETED charges %,d (%d charges) | successful flows x amount %,d -> %s%n",
                money.billed(), money.billingRecords(), money.cardIncrease(), money.cards(), money.completed(),
                money.completedCharges(), money.expected(),
                money.holds() && money.billed() == money.expected() ? "OK"
                        : money.holds() ? "sums agree, but not with the successful flows" : "MISMATCH");
        out.printf("              notice outbox %s; preparations not COMPLETED: %d%n", money.outbox(),
                money.openPreparations());
        if (result.failures() == 0) {
            out.println("failures    : none");
        } else {
            out.println("failures    : " + result.failures());
            result.failureKinds().forEach((kind, count) -> out.printf("  %6d x %s%n", count, kind));
        }
        out.println("result      : " + (result.ok() ? "OK" : "FAILED"));
    }
}
