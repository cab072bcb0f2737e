package com.valuekiosk.server.db;

import com.valuekiosk.pki.PeerIdentity;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * The {@code clients} table: terminals, servers and points systems a server accepts, by role and
 * certificate name. Read per request so that several server instances on one database agree.
 */
public final class SqlClientRegistry {

    private final Database database;

    public SqlClientRegistry(Database database) {
        this.database = database;
    }

    /** True when {@code peer} is registered and active. */
    public boolean isKnown(PeerIdentity peer) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT active FROM clients WHERE role = ? AND name = ?")) {
                select.setString(1, peer.role().name());
                select.setString(2, peer.name());
                try (ResultSet row = select.executeQuery()) {
                    return row.next() && row.getBoolean(1);
                }
            }
        });
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
