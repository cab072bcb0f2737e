package com.valuekiosk.wire;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * Kiosk → e-money server, every minute or so: how the kiosk stands, so that a site sees a broken kiosk
 * without walking to it. The terminal is the one of the client certificate, never a field. Nothing here
 * names a card or a person: reader names, states and counts only.
 *
 * @param observedAt        when the kiosk took this reading (its own clock)
 * @param software          the kiosk's version, e.g. {@code ValueKiosk kiosk 0.1.0}
 * @param uptimeSeconds     since the kiosk started
 * @param readers           each configured reader (none for a home terminal's contact reader)
 * @param servers           each server the kiosk uses, as the kiosk reached it just before reporting
 * @param openTransactions  transactions the kiosk's journal holds open (to settle by recovery)
 * @param oldestOpenSeconds age of the oldest of them, 0 when none
 * @param journalBytes      the journal's size on disk, archives included
 */
public record TerminalHealthReport(Instant observedAt, String software, long uptimeSeconds, List<Reader> readers,
                                   List<Server> servers, int openTransactions, long oldestOpenSeconds,
                                   long journalBytes) {

    /** Readers a kiosk has at most (contact and contactless, and room for a second of each). */
    public static final int MAX_READERS = 4;
    private static final long TEN_YEARS_SECONDS = 10L * 366 * 24 * 3600;

    public TerminalHealthReport {
        if (observedAt == null) {
            throw new IllegalArgumentException("observedAt is required");
        }
        software = Fields.text("software", software, 64);
        Fields.count("uptimeSeconds", uptimeSeconds, TEN_YEARS_SECONDS);
        if (readers == null || readers.size() > MAX_READERS || readers.contains(null)) {
            throw new IllegalArgumentException("readers must be a list of at most " + MAX_READERS + " readers");
        }
        readers = List.copyOf(readers);
        if (servers == null || servers.size() > 2 || servers.contains(null)
                || servers.stream().map(Server::server).distinct().count() != servers.size()) {
            throw new IllegalArgumentException("servers must list credit and emoney at most once each");
        }
        servers = List.copyOf(servers);
        Fields.count("openTransactions", openTransactions, 1_000_000);
        Fields.count("oldestOpenSeconds", oldestOpenSeconds, TEN_YEARS_SECONDS);
        Fields.count("journalBytes", journalBytes, Long.MAX_VALUE);
    }

    /** Readers whose state is not {@code READY}. */
    public int readersNotReady() {
        return (int) readers.stream().filter(reader -> !reader.state().equals(Reader.READY)).count();
    }

    /** Servers the kiosk could not reach. */
    public int serversUnreachable() {
        return (int) servers.stream().filter(server -> !server.reachable()).count();
    }

    /**
     * One reader: {@code kind} {@code CONTACT} or {@code CONTACTLESS}; {@code state} {@code READY},
     * {@code NO_READER} (configured, not connected) or {@code SERVICE_UNAVAILABLE} (no PC/SC service).
     */
    public record Reader(String kind, String name, String state, boolean cardPresent) {

        public static final String READY = "READY";
        private static final Set<String> KINDS = Set.of("CONTACT", "CONTACTLESS");
        private static final Set<String> STATES = Set.of(READY, "NO_READER", "SERVICE_UNAVAILABLE");

        public Reader {
            if (!KINDS.contains(kind)) {
                throw new IllegalArgumentException("reader kind must be one of " + KINDS);
            }
            name = Fields.text("reader name", name, 128);
            if (!STATES.contains(state)) {
                throw new IllegalArgumentException("reader state must be one of " + STATES);
            }
        }
    }

    /**
     * One server as the kiosk reached it ({@code GET /health} over its mutual TLS): {@code server}
     * {@code credit} or {@code emoney}; {@code problem} says why not, when not reachable.
     */
    public record Server(String server, boolean reachable, long millis, String problem) {

        private static final Set<String> NAMES = Set.of("credit", "emoney");

        public Server {
            if (!NAMES.contains(server)) {
                throw new IllegalArgumentException("server must be one of " + NAMES);
            }
            Fields.count("millis", millis, 3_600_000);
            if (reachable && problem != null) {
                throw new IllegalArgumentException("a reachable server has no problem");
            }
            problem = problem == null ? null : Fields.text("problem", problem, 200);
        }
    }
}
