package com.valuekiosk.benchmark;

import com.valuekiosk.server.db.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * How many SQL statements a server's H2 database ran, from H2's own query statistics
 * ({@code INFORMATION_SCHEMA.QUERY_STATISTICS}). The run counts during the warm-up flows only, so
 * that counting costs the measured flows nothing; unlike CPU time the count does not depend on the
 * machine. PostgreSQL is sent the same statements.
 *
 * <p>It also measures how much H2 wrote to the database's file meanwhile: the servers' files never
 * reuse space ({@code REUSE_SPACE=FALSE}), so they grow by every chunk written, each chunk holding every
 * B-tree page that changed since the one before. A figure that, like the count, barely moves from run
 * to run.
 */
final class StatementCount {

    private StatementCount() {
    }

    /** Starts counting from zero; returns the size of the database's {@code file} now. */
    static long start(Database database, Path file) {
        database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                statement.execute("SET QUERY_STATISTICS FALSE"); // clears what was counted before
                statement.execute("SET QUERY_STATISTICS_MAX_ENTRIES 1000");
                statement.execute("SET QUERY_STATISTICS TRUE");
            }
            return null;
        });
        return size(file);
    }

    private static long size(Path file) {
        try {
            return Files.size(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * Statements executed, and of them the commits (H2 counts a JDBC commit as a COMMIT statement)
     * and the CHECKPOINTs that wrote commits to the file; {@code executions}: how often each other
     * statement ran, the most frequent first; {@code fileBytes}: how much the file grew.
     */
    record Counted(long statements, long commits, long checkpoints, Map<String, Long> executions, long fileBytes) {
    }

    /**
     * What was executed since {@link #start}, which found the {@code file} {@code sizeAtStart}
     * bytes long; counting stops.
     */
    static Counted stop(Database database, Path file, long sizeAtStart) {
        long fileBytes = size(file) - sizeAtStart;
        return database.inTransaction(connection -> {
            try (Statement statement = connection.createStatement()) {
                Counted counted;
                try (ResultSet sum = statement.executeQuery("SELECT COALESCE(SUM(execution_count), 0),"
                        + " COALESCE(SUM(CASE WHEN sql_statement = 'COMMIT' THEN execution_count ELSE 0 END), 0),"
                        + " COALESCE(SUM(CASE WHEN sql_statement = 'CHECKPOINT' THEN execution_count ELSE 0 END), 0)"
                        + " FROM information_schema.query_statistics")) {
                    sum.next();
                    counted = new Counted(sum.getLong(1), sum.getLong(2), sum.getLong(3), new LinkedHashMap<>(),
                            fileBytes);
                }
                try (ResultSet each = statement.executeQuery("SELECT sql_statement, execution_count"
                        + " FROM information_schema.query_statistics WHERE sql_statement NOT IN ('COMMIT', 'CHECKPOINT')"
                        + " ORDER BY execution_count DESC, sql_statement")) {
                    while (each.next()) {
                        counted.executions().put(each.getString(1), each.getLong(2));
                    }
                }
                statement.execute("SET QUERY_STATISTICS FALSE");
                return counted;
            }
        });
    }
}
