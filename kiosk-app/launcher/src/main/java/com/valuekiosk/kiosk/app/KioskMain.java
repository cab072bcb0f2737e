package com.valuekiosk.kiosk.app;

import com.valuekiosk.kiosk.app.config.KioskConfig;
import com.valuekiosk.kiosk.app.config.KioskConfigException;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.kiosk.ui.shell.AttendantViewModel;
import java.io.BufferedReader;
import java.io.Console;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code valuekiosk-kiosk}: starts the kiosk of a site. Not a JavaFX {@code Application} (JavaFX runs from the class
 * path, started by {@link FxPlatform}). Exit codes: 0 done (or healthy), 1 failed (one line says why: a
 * configuration problem names its setting), 2 wrong usage.
 *
 * <p>A new command is a nested {@code @Command} class here, listed in {@code subcommands}; one that starts a kiosk
 * extends {@link Start}. The demo ({@code kiosk-demo}'s {@code DemoMain}) adds its {@code demo} command to
 * {@link #commandLine()}.
 */
@Command(name = "valuekiosk-kiosk", mixinStandardHelpOptions = true, version = KioskMain.VERSION,
        description = "The ValueKiosk touch-screen kiosk.",
        subcommands = {KioskMain.Run.class, KioskMain.CheckConfig.class,
                KioskMain.HashAttendantCode.class})
public final class KioskMain {

    /** What {@code --version} prints, and what the kiosk's health reports name as its software. */
    public static final String VERSION = "ValueKiosk kiosk 0.1.0";

    /** Where the site kiosk's PC/SC readers look (one source per reader); tests give fakes. */
    private final Supplier<PcscReader.TerminalsSource> pcsc;

    private KioskMain(Supplier<PcscReader.TerminalsSource> pcsc) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
    }

    /** The kiosk's logging configuration (card numbers masked), unless one is chosen with -Dlogback.configurationFile. */
    public static final String LOG_CONFIGURATION = "valuekiosk-kiosk-logback.xml";

    public static void main(String[] args) {
        useKioskLogging();
        System.exit(commandLine().execute(args));
    }

    /**
     * Before anything logs: the kiosk's logging (card numbers masked), unless -Dlogback.configurationFile says
     * otherwise. Logback then reads its configuration on a thread of its own while the command line is parsed
     * (about 0.2 s of XML and classes, issue #16); the first line logged waits for it, as SLF4J's start is one
     * for the whole JVM.
     */
    public static void useKioskLogging() {
        // The servers' jar (in the demo's class path) brings its own logback.xml.
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOG_CONFIGURATION);
        }
        Thread configuring = new Thread(org.slf4j.LoggerFactory::getILoggerFactory, "logging-start");
        configuring.setDaemon(true);
        configuring.start();
    }

    /** The configured command line, on this machine's PC/SC; tests run it in-process. */
    public static CommandLine commandLine() {
        return commandLine(PcscReader.TerminalsSource::system);
    }

    /** The command line with the site kiosk's readers on the given PC/SC. */
    static CommandLine commandLine(Supplier<PcscReader.TerminalsSource> pcsc) {
        CommandLine commandLine = new CommandLine(new KioskMain(pcsc));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            // One clear line for people; the stack trace, if any, was logged where it happened.
            line.getErr().println("valuekiosk-kiosk: " + message(exception));
            return 1;
        });
        return commandLine;
    }

    static String message(Exception exception) {
        if (exception instanceof KioskConfigException) {
            return "configuration: " + exception.getMessage();
        }
        return exception.getMessage() != null ? exception.getMessage() : exception.getClass().getSimpleName();
    }

    /** Shared by the commands that start a kiosk: the window, or the headless self-check. */
    public abstract static class Start implements Callable<Integer> {

        @Spec
        protected CommandLine.Model.CommandSpec spec;

        @Option(names = "--self-check", paramLabel = "PNG",
                description = "Start everything (headless when there is no display), render the first screen to PNG,"
                        + " check the engine and the servers, print one line and exit 0 (healthy) or 1.")
        Path selfCheck;

        /** The kiosk this command starts; closed by {@link #call()}. */
        protected abstract Composition compose() throws Exception;

        @Override
        public Integer call() throws Exception {
            PrintWriter out = spec.commandLine().getOut();
            if (selfCheck != null) {
                FxPlatform.headlessIfNoDisplay();
                FxPlatform.startInBackground();
                Composition composition;
                try {
                    composition = compose();
                } catch (Exception e) {
                    out.println("self-check FAILED: " + message(e));
                    return 1;
                }
                try {
                    SelfCheck.Report report = SelfCheck.run(composition, selfCheck.toAbsolutePath());
                    out.println(report.line());
                    return report.healthy() ? 0 : 1;
                } finally {
                    composition.close();
                }
            }
            if (!FxPlatform.hasDisplay() && System.getProperty("glass.platform") == null) {
                throw new IllegalStateException("no display to show the kiosk on (DISPLAY is not set);"
                        + " use --self-check FILE.png to check it headless");
            }
            // JavaFX starts while the parts are put together (key stores, clients, journal; the demo's servers).
            FxPlatform.startInBackground();
            try (Composition composition = compose()) {
                new KioskApplication(composition).runUntilClosed();
            }
            return 0;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "The kiosk of a real site, as its configuration file says (see valuekiosk.properties).")
    static final class Run extends Start {

        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The site's configuration file.")
        Path config;

        @ParentCommand
        KioskMain main;

        @Override
        protected Composition compose() {
            return SiteKiosk.start(KioskConfig.load(config), main.pcsc);
        }
    }

    @Command(name = "check-config", mixinStandardHelpOptions = true,
            description = "Check a configuration file, key and trust stores included, print the effective settings"
                    + " (secrets not shown) and look for each configured reader. Exit 0 when valid and every reader"
                    + " is found, 1 with the problem otherwise.")
    static final class CheckConfig implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--config", paramLabel = "FILE", required = true, description = "The site's configuration file.")
        Path config;

        @ParentCommand
        KioskMain main;

        @Override
        public Integer call() {
            KioskConfig checked = KioskConfig.load(config);
            checked.credentials().openTls();
            PrintWriter out = spec.commandLine().getOut();
            out.println("configuration " + checked.file() + " is valid; effective settings:");
            checked.describe().forEach(line -> out.println("  " + line));
            List<ReaderCheck> readers = ReaderCheck.check(checked, main.pcsc);
            out.println("readers:");
            readers.forEach(reader -> out.println("  " + reader.summary()));
            List<ReaderCheck> missing = readers.stream().filter(reader -> !reader.ok()).toList();
            if (!missing.isEmpty()) {
                spec.commandLine().getErr().println("valuekiosk-kiosk: configured reader missing: "
                        + missing.stream().map(ReaderCheck::summary).collect(Collectors.joining("; ")));
                return 1;
            }
            return 0;
        }
    }

    @Command(name = "hash-attendant-code", mixinStandardHelpOptions = true,
            description = {"Read an attendant code (4 to 12 digits, typed twice without echo on a terminal, or one line"
                    + " on standard input) and print the line for the configuration file: attendant.code.hash=<Argon2id hash>.",
                    "The code itself is written nowhere."})
    static final class HashAttendantCode implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        private final BufferedReader piped;

        HashAttendantCode() {
            this(null);
        }

        /** Reads from {@code piped} instead of the terminal (tests). */
        HashAttendantCode(BufferedReader piped) {
            this.piped = piped;
        }

        @Override
        public Integer call() throws IOException {
            char[] code = null;
            char[] again = null;
            try {
                Console console = piped == null ? System.console() : null;
                if (console != null) {
                    code = console.readPassword("attendant code: ");
                    again = console.readPassword("again: ");
                    if (code == null || again == null || !Arrays.equals(code, again)) {
                        throw new IllegalArgumentException("the two codes differ");
                    }
                } else {
                    BufferedReader input = piped != null ? piped
                            : new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
                    String line = input.readLine();
                    code = line == null ? new char[0] : line.strip().toCharArray();
                }
                if (code.length < 4 || code.length > AttendantViewModel.CODE_MAXIMUM || !allDigits(code)) {
                    throw new IllegalArgumentException("an attendant code is 4 to " + AttendantViewModel.CODE_MAXIMUM
                            + " digits (it is typed on the kiosk's keypad)");
                }
                spec.commandLine().getOut().println(KioskConfig.ATTENDANT_CODE_HASH + "=" + AttendantCode.hash(code));
                return 0;
            } finally {
                if (code != null) {
                    Arrays.fill(code, '\0');
                }
                if (again != null) {
                    Arrays.fill(again, '\0');
                }
            }
        }

        private static boolean allDigits(char[] code) {
            for (char c : code) {
                if (c < '0' || c > '9') {
                    return false;
                }
            }
            return true;
        }
    }
}
