package com.valuekiosk.server.emoney;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.TerminalHealthAck;
import com.valuekiosk.wire.TerminalHealthReport;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What kiosks say of themselves (R-SV2 monitoring): each terminal's latest {@link TerminalHealthReport},
 * kept one row per terminal, and which registered terminals have gone silent. A kiosk reports every
 * minute or so; one whose last report is older than {@code silentAfter}, or that never reported, is
 * <em>silent</em>: switched off, cut off, or hung. The metrics and the operator's {@code terminals}
 * command read {@link #latest}.
 */
public final class TerminalHealth {

    /** A kiosk that has not reported for this long is silent (three missed reports at the kiosk's default pace). */
    public static final Duration DEFAULT_SILENT_AFTER = Duration.ofMinutes(3);

    /**
     * One registered terminal as last heard of; every figure but {@code terminalId} and {@code active} is null
     * when it never reported. {@code report} is the JSON it sent.
     */
    public record Status(String terminalId, boolean active, Instant receivedAt, Integer readersNotReady,
                         Integer serversUnreachable, Integer openTransactions, Long oldestOpenSeconds, Long journalBytes,
                         String report) {

        public boolean reported() {
            return receivedAt != null;
        }

        /** Seconds since its last report, or null when it never reported. */
        public Double ageSeconds(Instant now) {
            return receivedAt == null ? null : Math.max(0, Duration.between(receivedAt, now).toMillis() / 1000.0);
        }

        /** Active, and never reported or not for {@code silentAfter}. */
        public boolean silent(Instant now, Duration silentAfter) {
            return active && (receivedAt == null || Duration.between(receivedAt, now).compareTo(silentAfter) > 0);
        }

        /** Reporting, and saying something is wrong: a reader not ready or a server out of reach. */
        public boolean troubled() {
            return reported() && (readersNotReady > 0 || serversUnreachable > 0);
        }
    }

    private final Database database;
    private final Clock clock;

    public TerminalHealth(Database database, Clock clock) {
        this.database = Objects.requireNonNull(database, "database");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** Keeps {@code report} as {@code terminal}'s latest (the handler has checked that the terminal is registered). */
    public TerminalHealthAck record(PeerIdentity terminal, TerminalHealthReport report) {
        if (terminal.role() != CertificateRole.TERMINAL) {
            throw new IllegalArgumentException("only terminals report their health");
        }
        String json;
        try {
            json = Json.mapper().writeValueAsString(report);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a health report that cannot be written as JSON", e);
        }
        Instant now = clock.instant();
        database.inTransaction(connection -> {
            // Update, else insert: portable between H2 and PostgreSQL; a terminal's reports come one at a time.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE terminal_health SET received_at = ?, observed_at = ?, readers_not_ready = ?, servers_unreachable = ?,"
                            + " open_transactions = ?, oldest_open_seconds = ?, journal_bytes = ?, report = ? WHERE terminal_id = ?")) {
                bind(update, now, report, json);
                update.setString(9, terminal.name());
                if (update.executeUpdate() == 1) {
                    return null;
                }
            }
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO terminal_health (received_at, observed_at, readers_not_ready, servers_unreachable,"
                            + " open_transactions, oldest_open_seconds, journal_bytes, report, terminal_id)"
                            + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")) {
                bind(insert, now, report, json);
                insert.setString(9, terminal.name());
                insert.executeUpdate();
            }
            return null;
        });
        return new TerminalHealthAck(terminal.name(), now.truncatedTo(java.time.temporal.ChronoUnit.MICROS));
    }

    private static void bind(PreparedStatement statement, Instant now, TerminalHealthReport report, String json)
            throws SQLException {
        statement.setObject(1, Database.utc(now));
        statement.setObject(2, Database.utc(report.observedAt()));
        statement.setInt(3, report.readersNotReady());
        statement.setInt(4, report.serversUnreachable());
        statement.setInt(5, report.openTransactions());
        statement.setLong(6, report.oldestOpenSeconds());
        statement.setLong(7, report.journalBytes());
        statement.setString(8, json);
    }

    /** Every registered terminal (active or not) with its latest report, by terminal id. */
    public List<Status> latest() {
        return database.inTransaction(TerminalHealth::read);
    }

    private static List<Status> read(Connection connection) throws SQLException {
        List<Status> statuses = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT c.name, c.active, h.received_at, h.readers_not_ready, h.servers_unreachable, h.open_transactions,"
                        + " h.oldest_open_seconds, h.journal_bytes, h.report"
                        + " FROM clients c LEFT JOIN terminal_health h ON h.terminal_id = c.name"
                        + " WHERE c.role = ? ORDER BY c.name")) {
            select.setQueryTimeout(2);
            select.setString(1, CertificateRole.TERMINAL.name());
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Instant received = Database.instant(rows, 3);
                    statuses.add(received == null
                            ? new Status(rows.getString(1), rows.getBoolean(2), null, null, null, null, null, null, null)
                            : new Status(rows.getString(1), rows.getBoolean(2), received, rows.getInt(4), rows.getInt(5),
                                    rows.getInt(6), rows.getLong(7), rows.getLong(8), rows.getString(9)));
                }
            }
        }
        return statuses;
    }

    public Instant now() {
        return clock.instant();
    }
}
