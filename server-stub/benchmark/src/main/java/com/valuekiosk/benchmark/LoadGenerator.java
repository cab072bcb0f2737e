package com.valuekiosk.benchmark;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.wire.Json;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Path;

/**
 * The simulated kiosks in a process of their own ({@code --load-process}), so that their cards,
 * JSON and HTTPS clients do not run in the servers' JVM and the servers' CPU time is theirs alone.
 * Started by {@link LoadProcess} with the run's settings, the development PKI's directory and the
 * servers' addresses; it tells its parent on standard output when the measured flows start
 * ({@value #MEASURING}) and end ({@value #MEASURED}), and the same for the ceiling's measured time
 * ({@value #CEILING_MEASURING}, {@value #CEILING_MEASURED}), then prints {@value #RESULT} and the
 * {@link FleetResult} as one line of JSON. Everything else it prints goes to standard error.
 */
public final class LoadGenerator {

    static final String MEASURING = "MEASURING";
    static final String MEASURED = "MEASURED";
    static final String CEILING_MEASURING = "CEILING_MEASURING";
    static final String CEILING_MEASURED = "CEILING_MEASURED";
    static final String RESULT = "RESULT ";

    private LoadGenerator() {
    }

    /** Arguments: settings (JSON), PKI directory, credit URI, e-money URI, hello-world URI or "-". */
    public static void main(String[] args) throws Exception {
        PrintStream protocol = System.out;
        System.setOut(System.err);
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", ServerLoadBenchmark.LOG_CONFIGURATION);
        }
        if (args.length != 5) {
            System.err.println("usage: LoadGenerator SETTINGS_JSON PKI_DIRECTORY CREDIT_URI EMONEY_URI HELLO_URI|-");
            System.exit(2);
        }
        BenchmarkSettings settings = Json.mapper().readValue(args[0], BenchmarkSettings.class);
        DevPki pki = DevPki.load(Path.of(args[1]), DevPki.DEFAULT_PASSWORD.toCharArray());
        Fleet fleet = new Fleet(settings, pki, URI.create(args[2]), URI.create(args[3]));
        URI hello = "-".equals(args[4]) ? null : URI.create(args[4]);
        // This process's own CPU at each mark: what the kiosks cost, beside what the servers cost; and
        // its JIT compiler threads' during the ceiling, which say whether its clients had reached their speed.
        long[] cpu = new long[4];
        long[] jit = {-1, -1};
        Marks marks = new Marks(
                () -> { cpu[0] = CpuTime.jvm(); say(protocol, MEASURING); },
                () -> { cpu[1] = CpuTime.jvm(); say(protocol, MEASURED); },
                () -> { cpu[2] = CpuTime.jvm(); jit[0] = CpuTime.jit(); say(protocol, CEILING_MEASURING); },
                () -> { cpu[3] = CpuTime.jvm(); jit[1] = CpuTime.jit(); say(protocol, CEILING_MEASURED); });
        FleetResult result = fleet.run(marks, hello).withGeneratorCpu(cpu[1] - cpu[0], hello == null ? -1 : cpu[3] - cpu[2],
                hello == null || jit[0] < 0 || jit[1] < 0 ? -1 : jit[1] - jit[0]);
        say(protocol, RESULT + Json.mapper().writeValueAsString(result));
        System.exit(0);
    }

    private static void say(PrintStream protocol, String line) {
        protocol.println(line);
        protocol.flush();
    }
}
