package com.valuekiosk.kiosk.diagnostics;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.kiosk.diagnostics.atr.Atr;
import com.valuekiosk.kiosk.diagnostics.card.ApduConsole;
import com.valuekiosk.kiosk.diagnostics.card.AppletsCheck;
import com.valuekiosk.kiosk.diagnostics.card.TimingCheck;
import com.valuekiosk.kiosk.diagnostics.readers.CardWatch;
import com.valuekiosk.kiosk.diagnostics.readers.PcscReaders;
import com.valuekiosk.kiosk.diagnostics.readers.ReaderInfo;
import com.valuekiosk.kiosk.diagnostics.report.DiagnosticReport;
import com.valuekiosk.kiosk.diagnostics.servers.ServerCheck;
import com.valuekiosk.kiosk.diagnostics.servers.ServerTarget;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The engine of the field technician's checks (R-FT1), one object for both faces — the {@code valuekiosk-diag}
 * command line and the kiosk's diagnostics screen. No JavaFX, no console.
 *
 * <p>Contract: every check method runs the check and answers its {@link CheckResult}; it never throws for what it
 * finds (no PC/SC service, no card, a server down, a timeout: a {@link Verdict#FAIL} result says so) and never
 * takes longer than the settings' check timeout (a server check: that per step, plus the handshake's). Call them from
 * a background thread, never from a UI thread; the listener hears each start and end on that thread. Checks are
 * read-only on cards: the applet and timing checks can only SELECT, GET DATA and READ RECORD; only the APDU console
 * sends what the technician typed.
 *
 * <p>Thread-safe; checks on different readers may run at once, two on one reader take turns in PC/SC.
 */
public final class Diagnostics implements AutoCloseable {

    /** The tool's name and version in reports. */
    public static final String TOOL = "valuekiosk-diag 0.1.0";

    private final DiagnosticsSettings settings;
    private final PcscReaders readers;
    private final CheckRunner runner;

    public Diagnostics(DiagnosticsSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.readers = new PcscReaders(settings.pcsc());
        this.runner = new CheckRunner(settings.checkTimeout(), settings.clock());
    }

    public DiagnosticsSettings settings() {
        return settings;
    }

    /** The PC/SC readers, their part 10 features (PIN pad?) and cards. FAIL without PC/SC, WARN without readers. */
    public CheckResult readers(DiagnosticListener listener) {
        return runner.run(Check.READERS, "PC/SC", listener, () -> {
            List<ReaderInfo> found = readers.scan();
            List<Finding> findings = new ArrayList<>();
            int withCard = 0;
            for (ReaderInfo reader : found) {
                if (reader.cardPresent()) {
                    withCard++;
                }
                String features = reader.features().isEmpty()
                        ? reader.featuresProblem().orElse("no PC/SC part 10 features")
                        : String.join(", ", reader.featureNames());
                findings.add(Finding.info(reader.name(), (reader.cardPresent() ? "card present, ATR "
                        + reader.atrHex().orElse("?") : "no card") + "; " + (reader.hasPinPad() ? "PIN pad; " : "")
                        + features));
            }
            if (found.isEmpty()) {
                return Outcome.of(Verdict.WARN, "PC/SC runs but has no reader", findings);
            }
            return Outcome.of(Verdict.PASS, found.size() + " reader(s), " + withCard + " with a card", findings);
        });
    }

    /** The readers as data, for a screen's list (same scan as {@link #readers}); empty when PC/SC cannot say. */
    public List<ReaderInfo> readerList() {
        try {
            return readers.scan();
        } catch (Exception e) {
            return List.of();
        }
    }

    /** A live watch of card and reader events on this PC/SC; poll it (see {@link CardWatch}). */
    public CardWatch watch() {
        return new CardWatch(readers, settings.knownAtrs(), settings.clock());
    }

    /** The ATR of the card in {@code reader}, parsed and named. */
    public CheckResult atr(String reader, DiagnosticListener listener) {
        return runner.run(Check.ATR, reader, listener, () -> {
            try (PcscReaders.Session session = readers.open(reader)) {
                return atrOutcome(Atr.parse(session.card().atr()), session.readerName());
            }
        });
    }

    /** An ATR a technician typed or copied, parsed and named; no reader involved. */
    public CheckResult atr(Atr atr, DiagnosticListener listener) {
        return runner.run(Check.ATR, "typed ATR", listener, () -> atrOutcome(atr, null));
    }

    private Outcome atrOutcome(Atr atr, String readerName) {
        List<Finding> findings = new ArrayList<>();
        if (readerName != null) {
            findings.add(Finding.info("reader", readerName));
        }
        findings.add(Finding.info("ATR", atr.hex()));
        findings.add(Finding.info("TS", String.format("%02X, %s convention", atr.ts(), atr.convention())));
        if (atr.t0() >= 0) {
            findings.add(Finding.info("T0", String.format("%02X, %d historical byte(s)", atr.t0(), atr.historicalLength())));
        }
        for (Atr.InterfaceByte b : atr.interfaceBytes()) {
            findings.add(Finding.info(b.name(), String.format("%02X, %s", b.value(), b.meaning())));
        }
        findings.add(Finding.info("protocols", atr.protocolText()));
        findings.add(Finding.info("Fi/Di", "Fi=" + atr.fi() + ", Di=" + atr.di() + ", f max " + atr.fMaxKhz() / 1000.0
                + " MHz" + (atr.ta1().isEmpty() ? " (defaults: no TA1)" : "")));
        findings.add(Finding.info("historical bytes", Bytes.hex(atr.historicalBytes()) + " \"" + atr.historicalText()
                + "\", category " + atr.historicalCategory()));
        if (atr.tckRequired()) {
            findings.add(Finding.of("TCK", atr.tck().isPresent() ? String.format("%02X, %s", atr.tck().getAsInt(),
                    atr.tckOk() ? "correct" : "WRONG") : "missing", atr.tckOk() ? Verdict.PASS : Verdict.FAIL));
        } else {
            findings.add(Finding.info("TCK", "not required (T=0 only)"));
        }
        for (String problem : atr.problems()) {
            findings.add(Finding.of("problem", problem, Verdict.FAIL));
        }
        List<String> names = settings.knownAtrs().namesOf(atr);
        if (names.isEmpty()) {
            findings.add(Finding.info("known as", "not in the known-ATR list (" + settings.knownAtrs().source() + ", "
                    + settings.knownAtrs().size() + " entries)"));
        } else {
            for (String name : names) {
                findings.add(Finding.info("known as", name));
            }
        }
        Verdict verdict = atr.isWellFormed() ? Verdict.PASS : Verdict.FAIL;
        String message = atr.protocolText() + (atr.isWellFormed() ? ", well formed" : ", " + atr.problems().get(0))
                + (names.isEmpty() ? "" : ", " + names.get(0));
        return Outcome.of(verdict, message, findings);
    }

    /** Our applets on the card in {@code reader}, read-only. */
    public CheckResult applets(String reader, DiagnosticListener listener) {
        return runner.run(Check.APPLETS, reader, listener, () -> {
            try (PcscReaders.Session session = readers.open(reader)) {
                return AppletsCheck.run(session.card());
            }
        });
    }

    /** Hex APDUs sent to the card in {@code reader}, one session, with the masked trace and each status word. */
    public CheckResult apdu(String reader, List<String> commands, DiagnosticListener listener) {
        for (String command : commands) {
            ApduConsole.parse(command); // wrong input is the caller's mistake, told before any reader is touched
        }
        return runner.run(Check.APDU, reader, listener, () -> {
            try (PcscReaders.Session session = readers.open(reader)) {
                return new ApduConsole(session.card()).send(commands);
            }
        });
    }

    /** {@code commands} round trips to the card in {@code reader}: min/median/p95/max. */
    public CheckResult timing(String reader, int commands, DiagnosticListener listener) {
        return runner.run(Check.TIMING, reader, listener, () -> {
            try (PcscReaders.Session session = readers.open(reader)) {
                return TimingCheck.run(session.card(), commands);
            }
        });
    }

    /** Each configured server, step by step; one result per server. */
    public List<CheckResult> servers(DiagnosticListener listener) {
        List<CheckResult> results = new ArrayList<>();
        if (settings.servers().isEmpty() || settings.tls().isEmpty()) {
            results.add(runner.run(Check.SERVERS, "servers", listener, () -> Outcome.of(Verdict.WARN,
                    "no servers to check: give the kiosk's configuration (--config)", List.of())));
            return results;
        }
        ServerCheck check = new ServerCheck(settings.tls().get(), settings.checkTimeout(), settings.clock());
        // DNS, TCP, handshake and request each have the step timeout: the whole may take up to four of them.
        Duration limit = settings.checkTimeout().multipliedBy(4);
        for (ServerTarget target : settings.servers()) {
            results.add(runner.run(Check.SERVERS, target.name() + " " + target.baseUrl(), listener, limit,
                    () -> check.run(target)));
        }
        return results;
    }

    /**
     * Everything, for the report: readers; for each reader with a card its ATR, applets and {@code timingCommands}
     * round trips; each server.
     */
    public DiagnosticReport runAll(int timingCommands, DiagnosticListener listener) {
        List<CheckResult> results = new ArrayList<>();
        results.add(readers(listener));
        for (ReaderInfo reader : readerList()) {
            if (!reader.cardPresent()) {
                continue;
            }
            results.add(atr(reader.name(), listener));
            results.add(applets(reader.name(), listener));
            results.add(timing(reader.name(), timingCommands, listener));
        }
        results.addAll(servers(listener));
        return new DiagnosticReport(settings.clock().instant(), hostName(), TOOL, results);
    }

    private static String hostName() {
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return "(unknown host)";
        }
    }

    @Override
    public void close() {
        runner.close();
    }
}
