package com.valuekiosk.server.db;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import javax.sql.DataSource;
import org.flywaydb.core.Flyway;

/**
 * One server's database: H2 in a file by default, PostgreSQL for real sites, the same Flyway
 * migrations on both (R-SV5). Work runs in short transactions that are retried when the database
 * says a concurrent transaction got in the way — which is how two requests with one request id,
 * or two purchases on one card, are serialised without any lock held in this process.
 */
public final class Database implements AutoCloseable {

    /** Unique violation, serialization failure, deadlock (PostgreSQL and H2), H2 lock timeout. */
    private static final Set<String> RETRYABLE = Set.of("23505", "40001", "40P01", "HYT00");
    private static final int ATTEMPTS = 5;

    private final HikariDataSource pool;
    private final boolean postgres;
    /** On H2, writes commits to the file before their answers go. */
    private final GroupCheckpoint checkpoints = new GroupCheckpoint();

    /**
     * How many Databases this JVM has open on each H2 file: only the first opening compacts the file,
     * which would shut it down under any other.
     */
    private static final Map<String, Integer> OPEN_H2_FILES = new ConcurrentHashMap<>();

    /** The H2 file URL this instance counts in {@link #OPEN_H2_FILES}, or null. */
    private final String openedH2File;

    private Database(HikariDataSource pool, boolean postgres, String openedH2File) {
        this.pool = pool;
        this.postgres = postgres;
        this.openedH2File = openedH2File;
    }

    /**
     * Opens the database at {@code jdbcUrl} and migrates it with the scripts of
     * {@code classpath:db/<schema>}.
     */
    public static Database open(String jdbcUrl, String user, String password, String schema) {
        return open(jdbcUrl, user, password, schema, null);
    }

    /**
     * As {@link #open(String, String, String, String)}, the pool reporting to {@code metrics}
     * (HikariCP's own Micrometer binding, {@code hikaricp_connections_*} tagged {@code pool=<schema>}),
     * when it is not null.
     */
    public static Database open(String jdbcUrl, String user, String password, String schema, MeterRegistry metrics) {
        String h2File = jdbcUrl.startsWith("jdbc:h2:file:") ? jdbcUrl : null;
        try {
            if (h2File != null && OPEN_H2_FILES.merge(h2File, 1, Integer::sum) == 1) {
                compact(jdbcUrl, user, password);
            }
            return open(jdbcUrl, user, password, schema, metrics, h2File);
        } catch (RuntimeException | Error e) {
            closed(h2File);
            throw e;
        }
    }

    private static void closed(String h2File) {
        if (h2File != null) {
            OPEN_H2_FILES.computeIfPresent(h2File, (file, count) -> count == 1 ? null : count - 1);
        }
    }

    private static Database open(String jdbcUrl, String user, String password, String schema, MeterRegistry metrics,
                                 String h2File) {
        HikariConfig config = new HikariConfig();
        config.setJdbcUrl(jdbcUrl);
        if (user != null) {
            config.setUsername(user);
        }
        if (password != null) {
            config.setPassword(password);
        }
        config.setPoolName(schema);
        config.setMaximumPoolSize(16);
        config.setAutoCommit(false);
        config.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        if (metrics != null) {
            config.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(metrics));
        }
        HikariDataSource pool = new HikariDataSource(config);
        boolean postgres = jdbcUrl.startsWith("jdbc:postgresql:");
        try {
            Flyway.configure().dataSource(pool).locations("classpath:db/" + schema).load().migrate();
            if (!postgres) {
                try (Connection connection = pool.getConnection()) {
                    checkpoint(connection);
                }
            }
        } catch (SQLException e) {
            pool.close();
            throw new StorageException(e);
        } catch (RuntimeException e) {
            pool.close();
            throw e;
        }
        return new Database(pool, postgres, h2File);
    }

    /**
     * The H2 URL of a database file, in PostgreSQL mode so that one dialect serves both. Each
     * connection keeps {@value #H2_QUERY_CACHE} parsed statements (H2's default, 8, is fewer than a
     * server uses, so every statement was parsed again each time); PostgreSQL's driver keeps its
     * own per connection.
     *
     * <p>{@code REUSE_SPACE=FALSE}: H2 appends every chunk to the end of the file. Left to reuse the
     * space of old chunks (which it does 45 s after they fell out of use), H2 2.5.252 reopened a
     * killed server's file at an older chunk and lost commits it had written and answered for
     * (H2DurabilityTest). The price is a file that only grows while it is in use, by every write;
     * a deployment that runs for months belongs on PostgreSQL (R-SV5).
     *
     * <p>{@code WRITE_DELAY}: how soon H2's background writer takes a commit that no CHECKPOINT
     * wrote to the file ({@link Durability#REDONE_IF_LOST}); its thread also wakes every third of
     * it to compute the fill rate of every chunk the file holds, whatever the load. At H2's 500 ms
     * that took 2.7 % of the servers' CPU in a short benchmark run and up to 38 % in long ones (the
     * benchmark's README); at {@value #H2_WRITE_DELAY_MS} ms it wakes a tenth as often.
     *
     * <p>{@code RETENTION_TIME=0}: H2 keeps a chunk in its list of chunks (the file's layout, which
     * every chunk rewrites in part) until it has been unused for this long, 45 s by default, so that
     * its space is not reused too soon. Appending every chunk, H2 reuses no space, and at the
     * benchmark's pace (some 240 chunks a second per server) the list held thousands of dead chunks:
     * each new chunk read back, changed and wrote again pages of it at both ends. At 0 it drops a
     * chunk once nothing uses it. H2DurabilityTest kills a server with the URL's settings and finds
     * every commit.
     *
     * <p>{@code OPTIMIZE_REUSE_RESULTS=FALSE}: H2 keeps each query's last result, and before every
     * execution walks the query's expression tree twice to learn whether the tables it reads changed
     * since, to answer the same parameters from that result. A server's queries seldom come again
     * with the same parameters before the tables they read change (every flow changes them), so the
     * walks cost more than the results saved.
     */
    public static String h2File(java.nio.file.Path file) {
        return "jdbc:h2:file:" + file.toAbsolutePath() + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH"
                + ";REUSE_SPACE=FALSE"
                + ";WRITE_DELAY=" + H2_WRITE_DELAY_MS
                + ";QUERY_CACHE_SIZE=" + H2_QUERY_CACHE
                + ";OPTIMIZE_REUSE_RESULTS=FALSE"
                + ";RETENTION_TIME=0";
    }

    /** H2's {@code WRITE_DELAY} ({@link #h2File}). */
    static final int H2_WRITE_DELAY_MS = 5_000;

    /**
     * An H2 file that does not reuse space ({@link #h2File}) grows with every write: each opening
     * rewrites it with its live data alone ({@code SHUTDOWN COMPACT}), so that a restart gives the
     * space back. A file that does not exist yet is left to be created.
     */
    private static void compact(String jdbcUrl, String user, String password) {
        try (Connection connection = DriverManager.getConnection(jdbcUrl + ";IFEXISTS=TRUE", user, password);
             java.sql.Statement shutdown = connection.createStatement()) {
            shutdown.execute("SHUTDOWN COMPACT");
        } catch (SQLException e) {
            if (e.getErrorCode() != H2_NO_SUCH_DATABASE) {
                throw new StorageException(e);
            }
        }
    }

    /** H2's error code for a database that IFEXISTS=TRUE did not find. */
    private static final int H2_NO_SUCH_DATABASE = 90146;

    /** Parsed statements each H2 connection keeps. */
    static final int H2_QUERY_CACHE = 128;

    public boolean isPostgres() {
        return postgres;
    }

    /** An empty batch of writes for a transaction on this database. */
    public WriteBatch writeBatch() {
        return new WriteBatch(postgres);
    }

    public DataSource dataSource() {
        return pool;
    }

    /** What a crash just after a commit may cost: whether the commit must be in the file before the call returns. */
    public enum Durability {
        /** In the file before the call returns (on H2 a CHECKPOINT, shared): every transaction that answers for money. */
        WRITTEN,
        /**
         * Its loss in a crash harms nobody: it writes nothing (availability, a challenge), or what
         * it did is done again, as a notice's settlement (the outbox sends the notice again, and the
         * e-money server answers it from its stored answer). On H2 the call does not wait for a file write: the next WRITTEN commit's
         * CHECKPOINT, or H2's own background writer, takes it to the file.
         */
        REDONE_IF_LOST
    }

    /** Runs {@code work} in one transaction: committed when it returns, rolled back when it throws. */
    public <T> T inTransaction(Work<T> work) {
        return inTransaction(Durability.WRITTEN, work);
    }

    /** As {@link #inTransaction(Work)}, with the durability the work needs. */
    public <T> T inTransaction(Durability durability, Work<T> work) {
        SQLException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try (Connection connection = pool.getConnection()) {
                T result;
                try {
                    result = work.run(connection);
                    connection.commit();
                } catch (SQLException e) {
                    connection.rollback();
                    if (!RETRYABLE.contains(e.getSQLState())) {
                        throw new StorageException(e);
                    }
                    last = e;
                    continue;
                } catch (RuntimeException | Error e) {
                    connection.rollback();
                    throw e;
                }
                if (!postgres && durability == Durability.WRITTEN) {
                    // Committed: whatever happens now, the work must not run again.
                    checkpoints.committed(() -> checkpoint(connection));
                }
                return result;
            } catch (SQLException e) {
                throw new StorageException(e);
            }
        }
        throw new StorageException(last);
    }

    /**
     * H2 writes committed transactions to its file in the background, up to {@code WRITE_DELAY}
     * later (half a second by H2's default, five seconds in {@link #h2File}): a server killed in that
     * time lost commits whose answers it had already sent, and even Flyway's record of a migration it
     * had run (H2DurabilityTest). A CHECKPOINT writes them before the answer can go; the background
     * writer stays ({@code WRITE_DELAY=0} instead stops it, and a demo walk with it then missed a
     * commit made a minute before the kill). This is about a killed
     * process; a deployment that must survive power cuts runs on PostgreSQL (R-SV5), which keeps its
     * commits whatever happens to this JVM. Concurrent commits share their CHECKPOINT
     * ({@link GroupCheckpoint}).
     */
    private static void checkpoint(Connection connection) throws SQLException {
        // On H2's own connection, not the pool's: the pool takes any statement after the commit for
        // the start of a transaction and would roll it back when the connection returns, one more
        // statement per CHECKPOINT for nothing (a CHECKPOINT is no part of any transaction).
        try (java.sql.Statement checkpoint = connection.unwrap(Connection.class).createStatement()) {
            checkpoint.execute("CHECKPOINT");
        }
    }

    /**
     * Times are stored as UTC wall-clock TIMESTAMPs, whatever the JVM's zone: the same on every
     * instance, and no hour is ambiguous when daylight saving time ends. Microseconds, the finest
     * both databases keep, so a value read back compares equal to the one written.
     */
    public static LocalDateTime utc(Instant instant) {
        return instant == null ? null : LocalDateTime.ofInstant(instant.truncatedTo(ChronoUnit.MICROS), ZoneOffset.UTC);
    }

    /** Reads a TIMESTAMP written by {@link #utc}. */
    public static Instant instant(ResultSet row, int column) throws SQLException {
        LocalDateTime value = row.getObject(column, LocalDateTime.class);
        return value == null ? null : value.toInstant(ZoneOffset.UTC);
    }

    @Override
    public void close() {
        pool.close();
        closed(openedH2File);
    }

    /** Work inside a transaction. */
    @FunctionalInterface
    public interface Work<T> {
        T run(Connection connection) throws SQLException;
    }
}
