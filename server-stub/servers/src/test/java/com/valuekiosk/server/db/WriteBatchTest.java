package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A batch's writes take effect in order, with their own parameters, on both databases (one command
 * on PostgreSQL, one statement at a time on H2); a write that fails, or changes another number of
 * rows than it must, leaves nothing of the transaction behind.
 */
class WriteBatchTest {

    private static final String INSERT_USER =
            "INSERT INTO emoney_users (card_number, user_name, bank_account) VALUES (?, ?, 'JP00TEST')";
    private static final String PROVE = "UPDATE emoney_users SET proven_sequence = ?, proven_at = ? WHERE card_number = ?";

    @TempDir
    Path directory;

    @ParameterizedTest
    @EnumSource(Storage.class)
    void writesTakeEffectInOrderWithTheirOwnParameters(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            database.inTransaction(connection -> {
                database.writeBatch()
                        .add(INSERT_USER, "9999000000000001", "first")
                        .add(INSERT_USER, "9999000000000002", "second")
                        .addExpecting(1, PROVE, 7, Database.utc(Instant.parse("2026-12-06T10:00:00Z")), "9999000000000001")
                        .addExpecting(1, PROVE, 3, null, "9999000000000002")
                        .addExpecting(0, PROVE, 9, null, "9999000000000003")
                        .send(connection);
                return null;
            });

            assertThat(user(database, "9999000000000001")).isEqualTo("first 7 2026-12-06T10:00");
            assertThat(user(database, "9999000000000002")).isEqualTo("second 3 null");
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aWriteThatChangesOtherRowsThanItMustUndoesTheTransaction(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            assertThatThrownBy(() -> database.inTransaction(connection -> {
                database.writeBatch()
                        .add(INSERT_USER, "9999000000000001", "first")
                        .addExpecting(1, PROVE, 7, null, "9999000000000009")
                        .send(connection);
                return null;
            })).isInstanceOf(IllegalStateException.class).hasMessageContaining("0 rows changed where 1 had to");

            assertThat(user(database, "9999000000000001")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aWriteThatFailsStopsTheRestAndUndoesTheTransaction(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            assertThatThrownBy(() -> database.inTransaction(connection -> {
                database.writeBatch()
                        .add(INSERT_USER, "9999000000000001", "first")
                        .add(INSERT_USER, "9999000000000002", null) // user_name is NOT NULL
                        .add(INSERT_USER, "9999000000000003", "third")
                        .send(connection);
                return null;
            })).isInstanceOf(StorageException.class).cause().isInstanceOf(SQLException.class)
                    .satisfies(e -> assertThat(((SQLException) e).getSQLState()).isEqualTo("23502"));

            assertThat(user(database, "9999000000000001")).isNull();
            assertThat(user(database, "9999000000000003")).isNull();
        }
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void aWriteOfSeveralStatementsIsRefused(Storage storage) {
        try (Database database = storage.fresh(directory, "emoney").open("emoney")) {
            assertThatThrownBy(() -> database.writeBatch().add(INSERT_USER + "; DELETE FROM emoney_users", "1", "x"))
                    .isInstanceOf(IllegalArgumentException.class);
        }
    }

    /** "name sequence proven_at" of a user, or null when there is none. */
    private static String user(Database database, String card) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT user_name, proven_sequence, proven_at FROM emoney_users WHERE card_number = ?")) {
                select.setString(1, card);
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getString(1) + " " + row.getObject(2) + " " + row.getObject(3,
                            java.time.LocalDateTime.class) : null;
                }
            }
        });
    }
}
