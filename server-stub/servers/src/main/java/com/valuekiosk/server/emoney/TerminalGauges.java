package com.valuekiosk.server.emoney;

import com.valuekiosk.server.metrics.CachedReading;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.function.BiFunction;

/**
 * The kiosks' health in the e-money server's metrics (API.md §4.9): how many registered terminals are
 * silent or report trouble, and per reporting terminal its report's age, readers not ready, servers out
 * of reach, open transactions and journal size. One query (through {@link CachedReading}) feeds them
 * all; the per-terminal rows follow the registered terminals at each scrape ({@link #refresh}).
 */
final class TerminalGauges {

    static final String SILENT = "valuekiosk.terminals.silent";
    static final String TROUBLED = "valuekiosk.terminals.troubled";
    static final String REPORT_AGE = "valuekiosk.terminal.report.age";
    static final String READERS_NOT_READY = "valuekiosk.terminal.readers.not.ready";
    static final String SERVERS_UNREACHABLE = "valuekiosk.terminal.servers.unreachable";
    static final String OPEN_TRANSACTIONS = "valuekiosk.terminal.open.transactions";
    static final String JOURNAL = "valuekiosk.terminal.journal";

    private static final Duration MAX_AGE = Duration.ofSeconds(5);

    private record Reading(Instant at, List<TerminalHealth.Status> terminals) {
    }

    private final CachedReading<Reading> reading;
    private final List<MultiGauge> perTerminal;
    /** What each of {@link #perTerminal} shows of a terminal, given the reading's time. */
    private final List<BiFunction<TerminalHealth.Status, Instant, Number>> perTerminalValues;
    private Reading shown;

    TerminalGauges(TerminalHealth health, Duration silentAfter, MeterRegistry registry) {
        reading = new CachedReading<>("the terminals' health", () -> new Reading(health.now(), health.latest()), MAX_AGE,
                null);
        Gauge.builder(SILENT, this, gauges -> gauges.count(silentAfter, true))
                .description("Active terminals that never reported or not for " + silentAfter.toSeconds() + " s")
                .strongReference(true).register(registry);
        Gauge.builder(TROUBLED, this, gauges -> gauges.count(silentAfter, false))
                .description("Terminals whose last report has a reader not ready or a server out of reach")
                .strongReference(true).register(registry);
        perTerminal = List.of(
                MultiGauge.builder(REPORT_AGE).baseUnit("seconds").description("Age of the terminal's last health report")
                        .register(registry),
                MultiGauge.builder(READERS_NOT_READY).description("Readers the terminal reported not ready").register(registry),
                MultiGauge.builder(SERVERS_UNREACHABLE).description("Servers the terminal could not reach").register(registry),
                MultiGauge.builder(OPEN_TRANSACTIONS).description("Transactions open in the terminal's journal").register(registry),
                MultiGauge.builder(JOURNAL).baseUnit("bytes").description("The terminal's journal on disk").register(registry));
        perTerminalValues = List.of(
                TerminalHealth.Status::ageSeconds,
                (status, at) -> status.readersNotReady(),
                (status, at) -> status.serversUnreachable(),
                (status, at) -> status.openTransactions(),
                (status, at) -> status.journalBytes());
    }

    /** Before a scrape: the per-terminal rows of the latest reading (a terminal registered since gets its rows). */
    synchronized void refresh() {
        Reading now = reading.get();
        if (now == null || now == shown) {
            return;
        }
        shown = now;
        List<TerminalHealth.Status> reported = now.terminals().stream().filter(TerminalHealth.Status::reported).toList();
        for (int i = 0; i < perTerminal.size(); i++) {
            BiFunction<TerminalHealth.Status, Instant, Number> value = perTerminalValues.get(i);
            perTerminal.get(i).register(reported.stream()
                    .map(status -> MultiGauge.Row.of(Tags.of("terminal", status.terminalId()), value.apply(status, now.at())))
                    .toList(), true);
        }
    }

    private double count(Duration silentAfter, boolean silent) {
        Reading now = reading.get();
        if (now == null) {
            return Double.NaN;
        }
        return now.terminals().stream()
                .filter(status -> silent ? status.silent(now.at(), silentAfter) : status.troubled())
                .count();
    }
}
