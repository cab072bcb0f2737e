package com.valuekiosk.kiosk.app.diag;

import com.valuekiosk.kiosk.app.config.KioskConfig;
import com.valuekiosk.kiosk.app.config.KioskConfigException;
import com.valuekiosk.kiosk.app.config.ReaderChoice;
import com.valuekiosk.kiosk.diagnostics.Check;
import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.DiagnosticListener;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.DiagnosticsSettings;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.diagnostics.atr.Atr;
import com.valuekiosk.kiosk.diagnostics.atr.KnownAtrs;
import com.valuekiosk.kiosk.diagnostics.card.TimingCheck;
import com.valuekiosk.kiosk.diagnostics.readers.CardWatch;
import com.valuekiosk.kiosk.diagnostics.readers.ReaderInfo;
import com.valuekiosk.kiosk.diagnostics.report.DiagnosticReport;
import com.valuekiosk.kiosk.diagnostics.report.ReportHtml;
import com.valuekiosk.kiosk.diagnostics.report.ReportJson;
import com.valuekiosk.kiosk.diagnostics.servers.ClientTls;
import com.valuekiosk.kiosk.diagnostics.servers.ServerTarget;
import com.valuekiosk.kiosk.reader.PcscReader;
import com.valuekiosk.pki.TlsContexts;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.Certificate;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.ParentCommand;
import picocli.CommandLine.Spec;

/**
 * {@code valuekiosk-diag}: the field technician's checks (R-FT1) on the command line, on the engine of
 * {@code kiosk-diagnostics} that the kiosk's diagnostics screen uses too. With {@code --config} it reads the site
 * kiosk's own configuration file: its readers ({@code contact} / {@code contactless} name them), servers and
 * certificates. Exit codes: 0 nothing failed (warnings allowed), 1 a check failed (or the configuration is wrong:
 * one line names the setting), 2 wrong usage.
 */
@Command(name = "valuekiosk-diag", mixinStandardHelpOptions = true, version = Diagnostics.TOOL,
        description = "Checks of a ValueKiosk's readers, cards and server links, and a report to hand over.",
        subcommands = {DiagMain.Readers.class, DiagMain.Watch.class, DiagMain.AtrCommand.class,
                DiagMain.Applets.class, DiagMain.Apdu.class, DiagMain.Timing.class, DiagMain.Servers.class,
                DiagMain.Report.class})
public final class DiagMain {

    private final Supplier<PcscReader.TerminalsSource> pcsc;

    private DiagMain(Supplier<PcscReader.TerminalsSource> pcsc) {
        this.pcsc = Objects.requireNonNull(pcsc, "pcsc");
    }

    /** Warnings only, on standard error, masked; unless -Dlogback.configurationFile says otherwise. */
    public static final String LOG_CONFIGURATION = "valuekiosk-diag-logback.xml";

    public static void main(String[] args) {
        if (System.getProperty("logback.configurationFile") == null) {
            System.setProperty("logback.configurationFile", LOG_CONFIGURATION);
        }
        System.exit(commandLine().execute(args));
    }

    /** On this machine's PC/SC. */
    public static CommandLine commandLine() {
        return commandLine(PcscReader.TerminalsSource::system);
    }

    /** On the given PC/SC; tests run it in-process. */
    public static CommandLine commandLine(Supplier<PcscReader.TerminalsSource> pcsc) {
        CommandLine commandLine = new CommandLine(new DiagMain(pcsc));
        commandLine.setExecutionExceptionHandler((exception, line, parseResult) -> {
            line.getErr().println("valuekiosk-diag: " + (exception instanceof KioskConfigException
                    || exception instanceof IllegalArgumentException ? exception.getMessage()
                    : exception.getClass().getSimpleName() + ": " + exception.getMessage()));
            return exception instanceof IllegalArgumentException ? 2 : 1;
        });
        return commandLine;
    }

    /** Options every command takes. */
    static final class Common {

        @Option(names = "--config", paramLabel = "FILE",
                description = "The site kiosk's configuration file: its readers, servers and certificates.")
        Path config;

        @Option(names = "--atr-list", paramLabel = "FILE", description = "pcsc-tools' known-ATR list "
                + "(default: ${DEFAULT-VALUE}; without it ATRs are not named).",
                defaultValue = "/usr/share/pcsc/smartcard_list.txt")
        Path atrList;

        @Option(names = "--timeout", paramLabel = "SECONDS", defaultValue = "20",
                description = "Longest a check (a server check: each of its steps) may take (default: ${DEFAULT-VALUE}).")
        int timeoutSeconds;
    }

    /** The engine for a command: configuration read, servers and TLS set when there is one. */
    Diagnostics diagnostics(Common common) {
        if (common.timeoutSeconds < 1) {
            throw new IllegalArgumentException("--timeout must be at least 1 second");
        }
        DiagnosticsSettings settings = DiagnosticsSettings.readersOnly(pcsc.get())
                .withKnownAtrs(KnownAtrs.loadIfPresent(common.atrList))
                .withCheckTimeout(Duration.ofSeconds(common.timeoutSeconds));
        if (common.config != null) {
            KioskConfig config = KioskConfig.load(common.config);
            settings = settings.withServers(List.of(new ServerTarget("credit", config.creditUrl()),
                    new ServerTarget("emoney", config.emoneyUrl())), clientTls(config));
        }
        return new Diagnostics(settings);
    }

    /**
     * The engine as the site kiosk's attendant diagnostics screen uses it: the kiosk's PC/SC, pcsc-tools' list when
     * installed, both configured servers over the kiosk's own TLS.
     */
    public static Diagnostics forSite(KioskConfig config, PcscReader.TerminalsSource pcsc) {
        return new Diagnostics(DiagnosticsSettings.readersOnly(pcsc).withServers(List.of(
                new ServerTarget("credit", config.creditUrl()), new ServerTarget("emoney", config.emoneyUrl())),
                clientTls(config)));
    }

    /** The kiosk's own TLS (the same checks as the kiosk's start) and its certificate chain for the expiry. */
    static ClientTls clientTls(KioskConfig config) {
        javax.net.ssl.SSLContext context = config.credentials().openTls().sslContext();
        char[] password = config.credentials().readStorePassword();
        try {
            KeyStore keys = TlsContexts.load(config.keyStore(), password);
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias)) {
                    Certificate[] chain = keys.getCertificateChain(alias);
                    List<X509Certificate> certificates = new ArrayList<>();
                    for (Certificate certificate : chain) {
                        certificates.add((X509Certificate) certificate);
                    }
                    return new ClientTls(context, certificates);
                }
            }
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE, config.keyStore() + " holds no key");
        } catch (KeyStoreException e) {
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE, "cannot read " + config.keyStore());
        } finally {
            Arrays.fill(password, '\0');
        }
    }

    /**
     * A reader as the technician names it: {@code contact} / {@code contactless} (the configuration's), or a PC/SC
     * name or part of it.
     */
    static String readerName(String given, Common common) {
        String lower = given.toLowerCase(Locale.ROOT);
        if (lower.equals("contact") || lower.equals("contactless")) {
            if (common.config == null) {
                throw new IllegalArgumentException("\"" + given + "\" names the configuration's reader: give --config");
            }
            KioskConfig config = KioskConfig.load(common.config);
            ReaderChoice choice = lower.equals("contact") ? config.contactReader() : config.contactlessReader();
            if (choice.kind() != ReaderChoice.Kind.PCSC) {
                throw new IllegalArgumentException("the configuration has no " + lower + " reader");
            }
            return choice.pcscName();
        }
        return given;
    }

    /** The readers to look at: those named, else every reader with a card now. */
    static List<String> readers(Diagnostics diagnostics, List<String> given, Common common) {
        if (given != null && !given.isEmpty()) {
            return given.stream().map(name -> readerName(name, common)).toList();
        }
        return diagnostics.readerList().stream().filter(ReaderInfo::cardPresent).map(ReaderInfo::name).toList();
    }

    /** Prints each result as it finishes. */
    static final class Printer implements DiagnosticListener {

        private final PrintWriter out;
        private final boolean details;
        private final AtomicInteger failures = new AtomicInteger();

        Printer(PrintWriter out, boolean details) {
            this.out = out;
            this.details = details;
        }

        @Override
        public void finished(CheckResult result) {
            print(result);
        }

        void print(CheckResult result) {
            if (result.verdict() == Verdict.FAIL) {
                failures.incrementAndGet();
            }
            out.println(result.summary());
            if (details) {
                for (Finding finding : result.findings()) {
                    out.println("      " + finding.name() + ": " + finding.value()
                            + (finding.verdict() == Verdict.PASS ? "" : "  [" + finding.verdict() + "]")
                            + finding.time().map(t -> String.format(Locale.ROOT, "  (%.1f ms)", t.toNanos() / 1e6))
                                    .orElse(""));
                }
            }
            out.flush();
        }

        int exitCode() {
            return failures.get() > 0 ? 1 : 0;
        }
    }

    abstract static class DiagCommand implements Callable<Integer> {

        @Spec
        CommandLine.Model.CommandSpec spec;

        @ParentCommand
        DiagMain main;

        @Mixin
        Common common;

        @Option(names = {"-q", "--brief"}, description = "One line per check, without the details.")
        boolean brief;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        Printer printer() {
            return new Printer(out(), !brief);
        }

        @Override
        public Integer call() throws Exception {
            try (Diagnostics diagnostics = main.diagnostics(common)) {
                return run(diagnostics);
            }
        }

        abstract Integer run(Diagnostics diagnostics) throws Exception;

        /** Runs {@code check} on each reader named, else on each reader with a card now. */
        Integer forEachReader(Diagnostics diagnostics, Printer printer, List<String> given, ReaderCheck check) {
            List<String> names = readers(diagnostics, given, common);
            if (names.isEmpty()) {
                spec.commandLine().getErr().println("valuekiosk-diag: no reader has a card; put one in or name the reader");
                return 1;
            }
            for (String name : names) {
                check.run(name);
            }
            return printer.exitCode();
        }
    }

    @Command(name = "readers", mixinStandardHelpOptions = true,
            description = "List the PC/SC readers with their features (PIN pad …) and whether a card is in each.")
    static final class Readers extends DiagCommand {

        @Override
        Integer run(Diagnostics diagnostics) {
            Printer printer = printer();
            diagnostics.readers(printer);
            return printer.exitCode();
        }
    }

    @Command(name = "watch", mixinStandardHelpOptions = true,
            description = "Show card and reader events live (cards in and out with their ATR) until Ctrl-C.")
    static final class Watch extends DiagCommand {

        @Option(names = "--events", paramLabel = "N", description = "Stop after N events.")
        Integer events;

        @Option(names = "--seconds", paramLabel = "S", description = "Stop after S seconds.")
        Integer seconds;

        @Option(names = "--interval", paramLabel = "MS", defaultValue = "200",
                description = "How often PC/SC is asked, in milliseconds (default: ${DEFAULT-VALUE}).")
        int intervalMillis;

        @Override
        Integer run(Diagnostics diagnostics) throws InterruptedException {
            CardWatch watch = diagnostics.watch();
            PrintWriter out = out();
            AtomicInteger seen = new AtomicInteger();
            long end = seconds == null ? Long.MAX_VALUE : System.nanoTime() + Duration.ofSeconds(seconds).toNanos();
            out.println("watching PC/SC for card and reader events" + (events == null && seconds == null
                    ? " (Ctrl-C ends)" : ""));
            out.flush();
            watch.run(event -> {
                out.println(event);
                out.flush();
                seen.incrementAndGet();
            }, Duration.ofMillis(Math.max(20, intervalMillis)),
                    () -> (events != null && seen.get() >= events) || System.nanoTime() > end);
            return 0;
        }
    }

    @Command(name = "atr", mixinStandardHelpOptions = true,
            description = "Take the ATR of the card in each reader (or a typed one) apart per ISO/IEC 7816-3 and name it.")
    static final class AtrCommand extends DiagCommand {

        @Parameters(paramLabel = "READER", arity = "0..*",
                description = "contact, contactless, or a PC/SC reader name (or part of it); default: every reader with a card.")
        List<String> readerNames;

        @Option(names = "--hex", paramLabel = "ATR", description = "An ATR to take apart instead, in hex.")
        String hex;

        @Override
        Integer run(Diagnostics diagnostics) {
            Printer printer = printer();
            if (hex != null) {
                diagnostics.atr(Atr.parse(hex), printer);
                return printer.exitCode();
            }
            return forEachReader(diagnostics, printer, readerNames, name -> diagnostics.atr(name, printer));
        }
    }

    @Command(name = "applets", mixinStandardHelpOptions = true, description = {
        "Which of our applets the card carries, their version and life cycle, PIN tries left, purse balance and log.",
        "Read-only: no PIN is verified, nothing is written."})
    static final class Applets extends DiagCommand {

        @Parameters(paramLabel = "READER", arity = "0..*",
                description = "contact, contactless, or a PC/SC reader name (or part of it); default: every reader with a card.")
        List<String> readerNames;

        @Override
        Integer run(Diagnostics diagnostics) {
            Printer printer = printer();
            return forEachReader(diagnostics, printer, readerNames, name -> diagnostics.applets(name, printer));
        }
    }

    @Command(name = "apdu", mixinStandardHelpOptions = true, description = {
        "Send hex APDUs to the card, in one session, and show the answers with every status word in words.",
        "The trace masks VERIFY data, keys and card numbers."})
    static final class Apdu extends DiagCommand {

        @Parameters(index = "0", paramLabel = "READER", description = "contact, contactless, or a PC/SC reader name.")
        String reader;

        @Parameters(index = "1..*", arity = "1..*", paramLabel = "APDU",
                description = "Command APDUs in hex, e.g. 00A4040008F0564B494F534B02.")
        List<String> commands;

        @Override
        Integer run(Diagnostics diagnostics) {
            Printer printer = printer();
            diagnostics.apdu(readerName(reader, common), commands, printer);
            return printer.exitCode();
        }
    }

    @Command(name = "timing", mixinStandardHelpOptions = true,
            description = "APDU round-trip time per reader over N commands: min, median, p95, max.")
    static final class Timing extends DiagCommand {

        @Parameters(paramLabel = "READER", arity = "0..*",
                description = "contact, contactless, or a PC/SC reader name (or part of it); default: every reader with a card.")
        List<String> readerNames;

        @Option(names = {"-n", "--commands"}, paramLabel = "N", defaultValue = "" + TimingCheck.DEFAULT_COMMANDS,
                description = "Commands per reader (default: ${DEFAULT-VALUE}).")
        int commands;

        @Override
        Integer run(Diagnostics diagnostics) {
            if (commands < 1) {
                throw new IllegalArgumentException("-n must be at least 1");
            }
            Printer printer = printer();
            return forEachReader(diagnostics, printer, readerNames, name -> diagnostics.timing(name, commands, printer));
        }
    }

    @Command(name = "servers", mixinStandardHelpOptions = true, description = {
        "Each server of the configuration: DNS, TCP, TLS 1.3 handshake, its certificate chain and days to expiry, our",
        "client certificate's, mutual TLS and GET /health, with the time of each step. Needs --config."})
    static final class Servers extends DiagCommand {

        @Override
        Integer run(Diagnostics diagnostics) {
            Printer printer = printer();
            diagnostics.servers(printer);
            return printer.exitCode();
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true, description = {
        "Run every check (readers; ATR, applets and timing of each card; servers with --config) and save the report",
        "as JSON and as a one-page HTML with the latency chart. Nothing secret is in it."})
    static final class Report extends DiagCommand {

        @Option(names = "--json", paramLabel = "FILE", description = "Where the JSON report goes.")
        Path json;

        @Option(names = "--html", paramLabel = "FILE", description = "Where the HTML report goes.")
        Path html;

        @Option(names = {"-n", "--commands"}, paramLabel = "N", defaultValue = "" + TimingCheck.DEFAULT_COMMANDS,
                description = "Round trips per reader (default: ${DEFAULT-VALUE}).")
        int commands;

        @Override
        Integer run(Diagnostics diagnostics) throws IOException {
            if (json == null && html == null) {
                throw new IllegalArgumentException("give --json FILE, --html FILE or both");
            }
            Printer printer = new Printer(out(), false);
            DiagnosticReport report = diagnostics.runAll(commands, printer);
            if (json != null) {
                Files.writeString(json, ReportJson.write(report), StandardCharsets.UTF_8);
                out().println("JSON report: " + json);
            }
            if (html != null) {
                Files.writeString(html, ReportHtml.write(report), StandardCharsets.UTF_8);
                out().println("HTML report: " + html);
            }
            out().println("verdict: " + report.verdict() + " (" + report.count(Verdict.PASS) + " pass, "
                    + report.count(Verdict.WARN) + " warn, " + report.count(Verdict.FAIL) + " fail)");
            return report.verdict() == Verdict.FAIL ? 1 : 0;
        }
    }

    @FunctionalInterface
    interface ReaderCheck {
        CheckResult run(String reader);
    }

}
