package com.valuekiosk.kiosk.diagnostics;

import com.valuekiosk.kiosk.diagnostics.atr.KnownAtrs;
import com.valuekiosk.kiosk.diagnostics.servers.ClientTls;
import com.valuekiosk.kiosk.diagnostics.servers.ServerTarget;
import com.valuekiosk.kiosk.reader.PcscReader;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * What the checks work with: the PC/SC to ask, the known-ATR list, the servers and the kiosk's TLS to reach them
 * (none: the server checks say so), how long one check may take and the clock for the results' times.
 */
public record DiagnosticsSettings(PcscReader.TerminalsSource pcsc, KnownAtrs knownAtrs, List<ServerTarget> servers,
                                  Optional<ClientTls> tls, Duration checkTimeout, Clock clock) {

    public static final Duration DEFAULT_CHECK_TIMEOUT = Duration.ofSeconds(20);

    public DiagnosticsSettings {
        Objects.requireNonNull(pcsc, "pcsc");
        Objects.requireNonNull(knownAtrs, "knownAtrs");
        servers = List.copyOf(servers);
        Objects.requireNonNull(tls, "tls");
        Objects.requireNonNull(checkTimeout, "checkTimeout");
        Objects.requireNonNull(clock, "clock");
    }

    /** This machine's PC/SC, pcsc-tools' list when installed, no servers, 20 s per check. */
    public static DiagnosticsSettings readersOnly(PcscReader.TerminalsSource pcsc) {
        return new DiagnosticsSettings(pcsc, KnownAtrs.loadIfPresent(KnownAtrs.DEFAULT_PATH), List.of(),
                Optional.empty(), DEFAULT_CHECK_TIMEOUT, Clock.systemUTC());
    }

    public DiagnosticsSettings withServers(List<ServerTarget> servers, ClientTls tls) {
        return new DiagnosticsSettings(pcsc, knownAtrs, servers, Optional.of(tls), checkTimeout, clock);
    }

    public DiagnosticsSettings withKnownAtrs(KnownAtrs knownAtrs) {
        return new DiagnosticsSettings(pcsc, knownAtrs, servers, tls, checkTimeout, clock);
    }

    public DiagnosticsSettings withCheckTimeout(Duration checkTimeout) {
        return new DiagnosticsSettings(pcsc, knownAtrs, servers, tls, checkTimeout, clock);
    }

    public DiagnosticsSettings withClock(Clock clock) {
        return new DiagnosticsSettings(pcsc, knownAtrs, servers, tls, checkTimeout, clock);
    }
}
