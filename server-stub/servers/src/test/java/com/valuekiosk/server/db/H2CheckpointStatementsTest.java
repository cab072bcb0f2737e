package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What a transaction on H2 costs in statements: its own, its commit and its CHECKPOINT, nothing more. */
class H2CheckpointStatementsTest {

    @TempDir
    Path directory;

    @Test
    void aTransactionIsItsStatementsACommitAndACheckpointWithNoRollbackAfterIt() {
        try (Database database = DatabaseSettings.h2(directory.resolve("emoney")).open("emoney")) {
            database.inTransaction(connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET QUERY_STATISTICS TRUE");
                }
                return null;
            });

            H2DurabilityTest.insertUser(database, "9999000000000001");

            Map<String, Long> executed = executed(database);
            // The first transaction's commit and CHECKPOINT are counted too: statistics start with its
            // statement. (The pool's new connections, opened in the background, add their set-up.)
            assertThat(executed).doesNotContainKey("ROLLBACK")
                    .containsEntry("INSERT", 1L).containsEntry("COMMIT", 2L).containsEntry("CHECKPOINT", 2L);
        }
    }

    @Test
    void aTransactionWhoseLossIsHarmlessDoesNotWaitForACheckpoint() {
        try (Database database = DatabaseSettings.h2(directory.resolve("emoney")).open("emoney")) {
            database.inTransaction(Database.Durability.REDONE_IF_LOST, connection -> {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("SET QUERY_STATISTICS TRUE");
                    statement.execute("INSERT INTO emoney_users (card_number, user_name, bank_account)"
                            + " VALUES ('9999000000000001', 'user', 'JP00TEST')");
                }
                return null;
            });

            assertThat(executed(database)).containsEntry("INSERT", 1L).containsEntry("COMMIT", 1L)
                    .doesNotContainKey("CHECKPOINT");
            assertThat(H2DurabilityTest.users(database)).isEqualTo(1);
        }
    }

    /** Statements executed since the statistics were switched on, INSERTs counted together. */
    private static Map<String, Long> executed(Database database) {
        return database.inTransaction(Database.Durability.REDONE_IF_LOST, connection -> {
            Map<String, Long> counts = new HashMap<>();
            try (Statement statement = connection.createStatement();
                 ResultSet rows = statement.executeQuery(
                         "SELECT sql_statement, execution_count FROM information_schema.query_statistics")) {
                while (rows.next()) {
                    counts.merge(rows.getString(1).startsWith("INSERT") ? "INSERT" : rows.getString(1),
                            rows.getLong(2), Long::sum);
                }
            }
            return counts;
        });
    }
}
