package com.valuekiosk.kiosk.health;

import com.valuekiosk.kiosk.KioskEngine;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.client.Reachability;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.journal.JournalEntry;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.wire.TerminalHealthAck;
import com.valuekiosk.wire.TerminalHealthReport;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells the e-money server how this kiosk stands, so that a site sees a broken kiosk without walking to
 * it (API.md §4.11): each reader's state, whether both servers answer their {@code /health} now, the
 * transactions the journal holds open and the journal's size. A reading never touches a card and names
 * none. {@link #start} reports a few seconds after start-up and then every interval, on a daemon thread
 * of its own; a failed report is logged once (and once more when reports get through again) — the
 * server counts a kiosk that stopped reporting as silent.
 */
public final class HealthReporter implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(HealthReporter.class);

    /** Three missed reports make a kiosk silent on the server (TerminalHealth.DEFAULT_SILENT_AFTER). */
    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** The first report waits for the readers to find their cards and the servers to be asked once. */
    static final Duration FIRST_DELAY = Duration.ofSeconds(5);

    private final KioskEngine engine;
    private final CreditCompanyClient credit;
    private final EmoneyClient emoney;
    private final LongSupplier journalBytes;
    private final Clock clock;
    private final String software;
    private final Instant started;
    /** One report at a time; {@link #close} does not wait for one in flight. */
    private final Object reporting = new Object();
    private ScheduledExecutorService scheduler;
    private boolean lastFailed;

    /**
     * @param credit       the credit company's client, null on a home terminal (it has none)
     * @param journalBytes the journal's size on disk, archives included
     * @param software     the kiosk's name and version, as {@code --version} prints it
     */
    public HealthReporter(KioskEngine engine, CreditCompanyClient credit, EmoneyClient emoney, LongSupplier journalBytes,
                          Clock clock, String software) {
        this.engine = Objects.requireNonNull(engine, "engine");
        this.credit = credit;
        this.emoney = Objects.requireNonNull(emoney, "emoney");
        this.journalBytes = Objects.requireNonNull(journalBytes, "journalBytes");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.software = Objects.requireNonNull(software, "software");
        this.started = clock.instant();
    }

    /** How the kiosk stands now: asks each server's {@code /health} once (a few seconds at most each). */
    public TerminalHealthReport reading() {
        List<TerminalHealthReport.Reader> readers = new ArrayList<>();
        engine.contactReader().ifPresent(reader -> readers.add(reader(reader)));
        readers.add(reader(engine.contactlessReader()));
        List<TerminalHealthReport.Server> servers = new ArrayList<>();
        if (credit != null) {
            servers.add(server("credit", credit.health()));
        }
        servers.add(server("emoney", emoney.health()));
        Instant now = clock.instant();
        Journal journal = engine.journal();
        List<JournalEntry> open = journal.unfinished();
        long oldestOpen = open.stream()
                .map(last -> journal.of(last.transaction()).get(0).at())
                .map(first -> Math.max(0, Duration.between(first, now).toSeconds()))
                .max(Long::compare).orElse(0L);
        return new TerminalHealthReport(now, software, Math.max(0, Duration.between(started, now).toSeconds()), readers,
                servers, open.size(), oldestOpen, journalBytes.getAsLong());
    }

    /** Takes a reading and sends it now; the outcome says whether the server kept it. */
    public Outcome<TerminalHealthAck> reportNow() {
        synchronized (reporting) {
            return report();
        }
    }

    private Outcome<TerminalHealthAck> report() {
        TerminalHealthReport report = reading();
        Outcome<TerminalHealthAck> outcome = emoney.reportHealth(report);
        boolean failed = !(outcome instanceof Outcome.Success<TerminalHealthAck>);
        if (failed && !lastFailed) {
            log.warn("health report not delivered ({}); the e-money server will count this kiosk as silent until one is",
                    outcome);
        } else if (!failed && lastFailed) {
            log.info("health reports delivered again");
        }
        if (report.readersNotReady() > 0 || report.serversUnreachable() > 0) {
            log.info("health: {} reader(s) not ready, {} server(s) out of reach", report.readersNotReady(),
                    report.serversUnreachable());
        }
        lastFailed = failed;
        return outcome;
    }

    /** Reports after {@link #FIRST_DELAY}, then every {@code interval}, until closed. */
    public synchronized void start(Duration interval) {
        if (scheduler != null) {
            throw new IllegalStateException("already started");
        }
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("the report interval must be positive: " + interval);
        }
        scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kiosk-health");
            thread.setDaemon(true);
            return thread;
        });
        scheduler.scheduleWithFixedDelay(this::reportQuietly, FIRST_DELAY.toMillis(), interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    private void reportQuietly() {
        try {
            reportNow();
        } catch (RuntimeException e) {
            // The next run tries again; a reading must never stop the schedule.
            log.warn("health report failed", e);
        }
    }

    private static TerminalHealthReport.Reader reader(CardReader reader) {
        CardReader.State state = reader.state();
        return new TerminalHealthReport.Reader(reader.kind().name(), printable(reader.name()), state.name(),
                state == CardReader.State.READY && reader.isCardPresent());
    }

    private static TerminalHealthReport.Server server(String name, Reachability reach) {
        return new TerminalHealthReport.Server(name, reach.reachable(), reach.millis(), reach.problem());
    }

    /** PC/SC names are the driver's: kept to what the report allows (printable, 128 characters). */
    private static String printable(String name) {
        String clean = name.codePoints().filter(c -> !Character.isISOControl(c))
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
        clean = clean.isEmpty() ? "(unnamed)" : clean;
        return clean.length() > 128 ? clean.substring(0, 128) : clean;
    }

    /** Stops the schedule; a report in flight is abandoned. */
    @Override
    public synchronized void close() {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
    }
}
