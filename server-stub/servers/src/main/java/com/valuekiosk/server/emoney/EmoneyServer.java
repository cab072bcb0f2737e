package com.valuekiosk.server.emoney;

import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.db.SqlClientRegistry;
import com.valuekiosk.server.emoney.http.EmoneyEndpoints;
import com.valuekiosk.server.emoney.internal.EmoneyService;
import com.valuekiosk.server.http.ApiHandler;
import com.valuekiosk.server.http.HttpLimits;
import com.valuekiosk.server.http.HttpsServer;
import com.valuekiosk.server.http.StoredReplies;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.server.metrics.CachedReading;
import com.valuekiosk.server.metrics.ServerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.channels.ServerSocketChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.Duration;
import java.util.Currency;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-money server (R-SV2), assembled: its database, its service ({@code internal}), its HTTPS
 * endpoints ({@link EmoneyEndpoints}) and its expiry job.
 */
public final class EmoneyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmoneyServer.class);

    /**
     * How to run it. {@code expiryInterval} zero or negative: no background expiry (tests and the
     * command line run it on demand). {@code limits}: what the HTTPS server grants its clients.
     */
    public record Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                         Currency currency, Duration preparationValidity, Duration expiryInterval, Clock clock,
                         HttpLimits limits) {

        /** With the production limits ({@link HttpLimits#defaults()}). */
        public Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                      Currency currency, Duration preparationValidity, Duration expiryInterval, Clock clock) {
            this(host, port, database, tls, issuerKeys, currency, preparationValidity, expiryInterval, clock,
                    HttpLimits.defaults());
        }
    }

    private final Database database;
    private final PreparationExpiry expiry;
    private final HttpsServer https;
    private final ScheduledExecutorService scheduler;
    private final ServerMetrics metrics;

    /** Charges issued and not confirmed as applied. */
    public static final String UNCONFIRMED_CHARGES = "valuekiosk.charges.unconfirmed";
    /** Age in seconds of the oldest of them. */
    public static final String UNCONFIRMED_OLDEST_AGE = "valuekiosk.charges.unconfirmed.oldest.age";
    private static final Duration GAUGE_MAX_AGE = Duration.ofSeconds(5);
    private static final int GAUGE_QUERY_TIMEOUT_SECONDS = 2;

    private EmoneyServer(Database database, PreparationExpiry expiry, HttpsServer https,
                         ScheduledExecutorService scheduler, ServerMetrics metrics) {
        this.metrics = metrics;
        this.database = database;
        this.expiry = expiry;
        this.https = https;
        this.scheduler = scheduler;
    }

    public static EmoneyServer start(Config config) throws Exception {
        return start(config, null);
    }

    /**
     * As {@link #start(Config)}, accepting on {@code listening} (a socket bound and listening already, or null to
     * bind {@code config}'s host and port): clients that connected before wait in its backlog until the server is up.
     */
    public static EmoneyServer start(Config config, ServerSocketChannel listening) throws Exception {
        ServerMetrics metrics = ServerMetrics.create("emoney");
        Database database;
        try {
            database = config.database().open("emoney", metrics.registry());
        } catch (RuntimeException | Error e) {
            metrics.close();
            throw e;
        }
        try {
            chargeGauges(database, config.clock(), metrics.registry());
            EmoneyService service = new EmoneyService(database, StoredReplies.INSTANCE, config.issuerKeys(),
                    config.currency(), config.preparationValidity(), config.clock());
            TerminalHealth terminalHealth = new TerminalHealth(database, config.clock());
            TerminalGauges terminalGauges = new TerminalGauges(terminalHealth, TerminalHealth.DEFAULT_SILENT_AFTER,
                    metrics.registry());
            List<Route> routes = new ArrayList<>(EmoneyEndpoints.routes(service, terminalHealth));
            routes.add(Route.metrics(() -> {
                terminalGauges.refresh();
                return metrics.scrape();
            }));
            HttpsServer https = new HttpsServer("emoney", config.host(), config.port(), config.tls(),
                    new ApiHandler("emoney", new SqlClientRegistry(database, config.clock(), SqlClientRegistry.DEFAULT_TTL)::isKnown, routes, config.limits(),
                    metrics.registry()), listening).start();
            PreparationExpiry expiry = new PreparationExpiry(database, config.clock());
            ScheduledExecutorService scheduler = null;
            if (config.expiryInterval() != null && !config.expiryInterval().isNegative() && !config.expiryInterval().isZero()) {
                scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "emoney-expiry");
                    thread.setDaemon(true);
                    return thread;
                });
                long seconds = config.expiryInterval().toSeconds();
                scheduler.scheduleWithFixedDelay(() -> runExpiry(expiry), seconds, seconds, TimeUnit.SECONDS);
            }
            log.info("e-money server listening on {}:{}", config.host(), https.port());
            return new EmoneyServer(database, expiry, https, scheduler, metrics);
        } catch (Exception | Error e) {
            database.close();
            metrics.close();
            throw e;
        }
    }

    /** Charges issued to a card and not yet confirmed as applied (state {@code ISSUED}). */
    private record ChargesReading(double unconfirmed, double oldestAgeSeconds) {
        /** What the gauges show when the database could not be read: no number rather than a wrong one. */
        static final ChargesReading UNKNOWN = new ChargesReading(Double.NaN, Double.NaN);
    }

    /**
     * {@value #UNCONFIRMED_CHARGES} and {@value #UNCONFIRMED_OLDEST_AGE}: one query with a short
     * timeout, at most once per {@link #GAUGE_MAX_AGE}.
     */
    private static void chargeGauges(Database database, Clock clock, MeterRegistry registry) {
        CachedReading<ChargesReading> reading = new CachedReading<>("the unconfirmed charges",
                () -> database.inTransaction(connection -> readCharges(connection, clock)), GAUGE_MAX_AGE,
                ChargesReading.UNKNOWN);
        Gauge.builder(UNCONFIRMED_CHARGES, reading, r -> r.get().unconfirmed())
                .description("Charges issued to cards whose application is not confirmed yet").strongReference(true).register(registry);
        Gauge.builder(UNCONFIRMED_OLDEST_AGE, reading, r -> r.get().oldestAgeSeconds()).baseUnit("seconds")
                .description("Age of the oldest issued, unconfirmed charge; 0 when none").strongReference(true).register(registry);
    }

    private static ChargesReading readCharges(Connection connection, Clock clock) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT COUNT(*), MIN(issued_at) FROM charges WHERE state = 'ISSUED'")) {
            query.setQueryTimeout(GAUGE_QUERY_TIMEOUT_SECONDS);
            try (ResultSet row = query.executeQuery()) {
                row.next();
                Instant oldest = Database.instant(row, 2);
                double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
                return new ChargesReading(row.getLong(1), age);
            }
        }
    }

    private static void runExpiry(PreparationExpiry expiry) {
        try {
            expiry.expireNow();
        } catch (RuntimeException e) {
            // The next run tries again; nothing is half-done (one transaction per preparation).
            log.error("expiry run failed", e);
        }
    }

    public int port() {
        return https.port();
    }

    /** The server's meters, as {@code GET /metrics} shows them (for in-process checks). */
    public MeterRegistry meters() {
        return metrics.registry();
    }

    public Database database() {
        return database;
    }

    public PreparationExpiry expiry() {
        return expiry;
    }

    @Override
    public void close() throws Exception {
        if (scheduler != null) {
            scheduler.shutdownNow();
        }
        try {
            https.close();
        } finally {
            database.close();
            metrics.close();
        }
    }
}
