package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import org.h2.engine.SessionLocal;
import org.h2.jdbc.JdbcConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the servers' H2 URL ({@link Database#h2File}) asks of H2, as H2 reports it once open. */
class H2SettingsTest {

    @TempDir
    Path directory;

    @Test
    void theBackgroundWriterRunsEveryFiveSecondsAndEveryChunkIsAppendedAndForgottenOnceUnused() throws Exception {
        Database database = DatabaseSettings.h2(directory.resolve("emoney")).open("emoney");
        try (Connection connection = database.dataSource().getConnection();
             PreparedStatement select = connection.prepareStatement(
                     "SELECT setting_name, setting_value FROM information_schema.settings"
                             + " WHERE setting_name IN ('WRITE_DELAY', 'QUERY_CACHE_SIZE', 'RETENTION_TIME', 'REUSE_SPACE')")) {
            java.util.Map<String, String> settings = new java.util.HashMap<>();
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    settings.put(rows.getString(1), rows.getString(2));
                }
            }
            connection.rollback();
            assertThat(settings).containsEntry("WRITE_DELAY", String.valueOf(Database.H2_WRITE_DELAY_MS))
                    .containsEntry("QUERY_CACHE_SIZE", String.valueOf(Database.H2_QUERY_CACHE))
                    .containsEntry("REUSE_SPACE", "FALSE")
                    .containsEntry("RETENTION_TIME", "0");
        } finally {
            database.close();
        }
    }

    @Test
    void queriesDoNotKeepTheirLastResultToAnswerFromIt() throws Exception {
        // INFORMATION_SCHEMA.SETTINGS does not list this one: ask the database the session belongs to.
        Database database = DatabaseSettings.h2(directory.resolve("credit")).open("credit");
        try (Connection connection = database.dataSource().getConnection()) {
            SessionLocal session = (SessionLocal) connection.unwrap(JdbcConnection.class).getSession();
            assertThat(session.getDatabase().getOptimizeReuseResults()).isFalse();
            connection.rollback();
        } finally {
            database.close();
        }
    }
}
