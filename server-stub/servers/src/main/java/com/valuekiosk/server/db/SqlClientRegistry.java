package com.valuekiosk.server.db;

import com.valuekiosk.pki.PeerIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The {@code clients} table: terminals, servers and points systems a server accepts, by role and
 * certificate name. Read from the database, so that several server instances on one database
 * agree; a client found registered and active is believed for {@link #DEFAULT_TTL} without
 * asking again (a kiosk sends several requests a flow). So a deactivation takes effect within
 * that time on every instance; a new registration at once (a refusal is never remembered).
 * At most {@link #MAX_REMEMBERED} clients are remembered; beyond that the memory starts afresh.
 */
public final class SqlClientRegistry {

    /** How long a client found active is believed without reading the table again. */
    public static final Duration DEFAULT_TTL = Duration.ofSeconds(5);
    /** Clients remembered at most. */
    static final int MAX_REMEMBERED = 10_000;

    private final Database database;
    private final Clock clock;
    private final Duration ttl;
    /** Clients found active, and until when that holds without a new look. */
    private final Map<PeerIdentity, Instant> active = new ConcurrentHashMap<>();

    /** Reads the table on every call (no memory): for commands and tools. */
    public SqlClientRegistry(Database database) {
        this(database, Clock.systemUTC(), Duration.ZERO);
    }

    /** Believes a client found active for {@code ttl} of {@code clock}'s time; zero: reads every time. */
    public SqlClientRegistry(Database database, Clock clock, Duration ttl) {
        this.database = database;
        this.clock = clock;
        this.ttl = ttl;
    }

    /** True when {@code peer} is registered and active (as the table said at most {@code ttl} ago). */
    public boolean isKnown(PeerIdentity peer) {
        Instant now = clock.instant();
        Instant until = active.get(peer);
        if (until != null && now.isBefore(until)) {
            return true;
        }
        boolean known = database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT active FROM clients WHERE role = ? AND name = ?")) {
                select.setString(1, peer.role().name());
                select.setString(2, peer.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
        if (!known) {
            active.remove(peer);
        } else if (!ttl.isZero() && !ttl.isNegative()) {
            if (active.size() >= MAX_REMEMBERED) {
                active.clear();
            }
            active.put(peer, now.plus(ttl));
        }
        return known;
    }

    /** Registers (or re-activates) a client. */
    public static void register(Connection connection, PeerIdentity peer, String description) throws SQLException {
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO clients AS c USING (VALUES (?, ?, ?)) AS v(role, name, description)"
                        + " ON c.role = v.role AND c.name = v.name"
                        + " WHEN MATCHED THEN UPDATE SET active = TRUE, description = v.description"
                        + " WHEN NOT MATCHED THEN INSERT (role, name, description, active) VALUES (v.role, v.name, v.description, TRUE)")) {
            merge.setString(1, peer.role().name());
            merge.setString(2, peer.name());
            merge.setString(3, description);
            merge.executeUpdate();
        }
    }
}
