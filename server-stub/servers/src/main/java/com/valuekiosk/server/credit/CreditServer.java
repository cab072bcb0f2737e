package com.valuekiosk.server.credit;

import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.server.credit.http.CreditEndpoints;
import com.valuekiosk.server.credit.internal.PurchaseService;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.db.SqlClientRegistry;
import com.valuekiosk.server.http.ApiHandler;
import com.valuekiosk.server.http.HttpLimits;
import com.valuekiosk.server.http.HttpsServer;
import com.valuekiosk.server.http.StoredReplies;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.server.metrics.CachedReading;
import com.valuekiosk.server.metrics.ServerMetrics;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit company server (R-SV1), assembled: its database, its services ({@code internal}), its
 * HTTPS endpoints ({@link CreditEndpoints}) and its notice delivery job.
 */
public final class CreditServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(CreditServer.class);

    /**
     * How to run it. {@code emoneyServer} is the e-money server's base URI, reached with
     * {@code emoneyClientTls} (a context holding this server's own certificate). {@code deliveryInterval}
     * zero or negative: no background delivery of pending notices (tests and the command line run
     * it on demand); the notice of each purchase is still sent right after the purchase. {@code limits}:
     * what the HTTPS server grants its clients. {@code noticeDelivery}: where each purchase's
     * notice is sent after its commit; null for the server's own {@value #NOTICE_THREADS} threads
     * (the purchase then answers without waiting for the e-money server: {@code run}, the
     * benchmark), {@link #NOTICE_IN_REQUEST} to send it in the request's thread before the answer
     * (demos and tests that ask for the VALUE at once, without a person's pause).
     */
    public record Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                         Currency currency, URI emoneyServer, SSLContext emoneyClientTls, Duration deliveryInterval,
                         Clock clock, HttpLimits limits, Executor noticeDelivery) {

        /** The same, with the server's own notice senders: purchases answer without waiting for their notice. */
        public Config withOwnNoticeSenders() {
            return new Config(host, port, database, tls, issuerKeys, currency, emoneyServer, emoneyClientTls,
                    deliveryInterval, clock, limits, null);
        }

        /** Each purchase's notice sent in the request's thread, before the purchase answers. */
        public static final Executor NOTICE_IN_REQUEST = Runnable::run;

        /** With the server's own notice delivery threads. */
        public Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                      Currency currency, URI emoneyServer, SSLContext emoneyClientTls, Duration deliveryInterval,
                      Clock clock, HttpLimits limits) {
            this(host, port, database, tls, issuerKeys, currency, emoneyServer, emoneyClientTls, deliveryInterval, clock,
                    limits, null);
        }

        /**
         * With the production limits ({@link HttpLimits#defaults()}), each purchase's notice sent
         * before the purchase answers ({@link #NOTICE_IN_REQUEST}), as the demo wants it.
         */
        public Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                      Currency currency, URI emoneyServer, SSLContext emoneyClientTls, Duration deliveryInterval,
                      Clock clock) {
            this(host, port, database, tls, issuerKeys, currency, emoneyServer, emoneyClientTls, deliveryInterval, clock,
                    HttpLimits.defaults(), NOTICE_IN_REQUEST);
        }
    }

    private final Database database;
    private final EmoneyNotifier notifier;
    private final BillingCycles billing;
    private final HttpsServer https;
    private final ScheduledExecutorService delivery;
    private final ExecutorService noticeSenders;
    private final ServerMetrics metrics;

    /**
     * Threads that send purchases' notices right after their commit (two batches at a time, see
     * {@link EmoneyNotifier#deliverFresh}) and make the immediate attempts that repeated purchases ask for.
     */
    public static final int NOTICE_THREADS = 4;
    /** Attempts waiting for a thread; beyond that an attempt is left to the background job (after its lease). */
    private static final int NOTICE_QUEUE = 10_000;

    /** Notices in the outbox not delivered, by {@code state} (PENDING, FAILED). */
    public static final String OUTBOX_NOTICES = "valuekiosk.outbox.notices";
    /** Age in seconds of the oldest undelivered notice. */
    public static final String OUTBOX_OLDEST_AGE = "valuekiosk.outbox.oldest.undelivered.age";
    private static final Duration GAUGE_MAX_AGE = Duration.ofSeconds(5);
    private static final int GAUGE_QUERY_TIMEOUT_SECONDS = 2;

    private CreditServer(Database database, EmoneyNotifier notifier, BillingCycles billing, HttpsServer https,
                         ScheduledExecutorService delivery, ExecutorService noticeSenders, ServerMetrics metrics) {
        this.metrics = metrics;
        this.noticeSenders = noticeSenders;
        this.database = database;
        this.notifier = notifier;
        this.billing = billing;
        this.https = https;
        this.delivery = delivery;
    }

    public static CreditServer start(Config config) throws Exception {
        return start(config, null);
    }

    /**
     * As {@link #start(Config)}, accepting on {@code listening} (a socket bound and listening already, or null to
     * bind {@code config}'s host and port): clients that connected before wait in its backlog until the server is up.
     */
    public static CreditServer start(Config config, ServerSocketChannel listening) throws Exception {
        ServerMetrics metrics = ServerMetrics.create("credit");
        Database database;
        try {
            database = config.database().open("credit", metrics.registry());
        } catch (RuntimeException | Error e) {
            metrics.close();
            throw e;
        }
        ExecutorService noticeSenders = config.noticeDelivery() == null ? noticeSenders() : null;
        EmoneyNotifier notifier = null;
        try {
            outboxGauges(database, config.clock(), metrics.registry());
            notifier = new EmoneyNotifier(database, config.emoneyServer(), config.emoneyClientTls(),
                    config.clock(), noticeSenders != null ? noticeSenders : config.noticeDelivery());
            PurchaseService purchases = new PurchaseService(database, StoredReplies.INSTANCE, config.issuerKeys(),
                    config.currency(), notifier, config.clock());
            BillingCycles billing = new BillingCycles(database, config.clock());
            List<Route> routes = new ArrayList<>(CreditEndpoints.routes(purchases));
            routes.add(Route.metrics(metrics::scrape));
            HttpsServer https = new HttpsServer("credit", config.host(), config.port(), config.tls(),
                    new ApiHandler("credit", new SqlClientRegistry(database, config.clock(), SqlClientRegistry.DEFAULT_TTL)::isKnown, routes, config.limits(),
                    metrics.registry()), listening).start();
            ScheduledExecutorService delivery = null;
            Duration interval = config.deliveryInterval();
            if (interval != null && !interval.isNegative() && !interval.isZero()) {
                delivery = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "credit-notice-delivery");
                    thread.setDaemon(true);
                    return thread;
                });
                long millis = interval.toMillis();
                EmoneyNotifier notices = notifier;
                delivery.scheduleWithFixedDelay(() -> runDelivery(notices), millis, millis, TimeUnit.MILLISECONDS);
            }
            log.info("credit company server listening on {}:{}, notifying {}", config.host(), https.port(),
                    config.emoneyServer());
            return new CreditServer(database, notifier, billing, https, delivery, noticeSenders, metrics);
        } catch (Exception | Error e) {
            if (noticeSenders != null) {
                noticeSenders.shutdownNow();
            }
            if (notifier != null) {
                notifier.close();
            }
            database.close();
            metrics.close();
            throw e;
        }
    }

    /** {@value #NOTICE_THREADS} daemon threads with a bounded queue; a full queue rejects (see {@link EmoneyNotifier#deliverFresh}). */
    private static ExecutorService noticeSenders() {
        AtomicInteger count = new AtomicInteger();
        return new ThreadPoolExecutor(NOTICE_THREADS, NOTICE_THREADS, 0, TimeUnit.MILLISECONDS,
                new ArrayBlockingQueue<>(NOTICE_QUEUE), runnable -> {
                    Thread thread = new Thread(runnable, "credit-notice-sender-" + count.incrementAndGet());
                    thread.setDaemon(true);
                    return thread;
                }, new ThreadPoolExecutor.AbortPolicy());
    }

    /** Undelivered notices: not yet delivered ({@code PENDING}) or given up ({@code FAILED}). */
    private record OutboxReading(double pending, double failed, double oldestAgeSeconds) {
        /** What the gauges show when the database could not be read: no number rather than a wrong one. */
        static final OutboxReading UNKNOWN = new OutboxReading(Double.NaN, Double.NaN, Double.NaN);
    }

    /**
     * {@value #OUTBOX_NOTICES} by state and {@value #OUTBOX_OLDEST_AGE}: one query over the
     * undelivered notices only (delivered ones, the bulk, are not counted), through the outbox's
     * state index, with a short timeout, at most once per {@link #GAUGE_MAX_AGE}.
     */
    private static void outboxGauges(Database database, Clock clock, MeterRegistry registry) {
        CachedReading<OutboxReading> reading = new CachedReading<>("the notice outbox",
                () -> database.inTransaction(connection -> readOutbox(connection, clock)), GAUGE_MAX_AGE,
                OutboxReading.UNKNOWN);
        Gauge.builder(OUTBOX_NOTICES, reading, r -> r.get().pending()).tag("state", "PENDING")
                .description("Notices to the e-money server not delivered yet").strongReference(true).register(registry);
        Gauge.builder(OUTBOX_NOTICES, reading, r -> r.get().failed()).tag("state", "FAILED")
                .description("Notices to the e-money server given up after their last attempt").strongReference(true).register(registry);
        Gauge.builder(OUTBOX_OLDEST_AGE, reading, r -> r.get().oldestAgeSeconds()).baseUnit("seconds")
                .description("Age of the oldest undelivered notice (its purchase's time); 0 when none").strongReference(true).register(registry);
    }

    private static OutboxReading readOutbox(Connection connection, Clock clock) throws SQLException {
        try (PreparedStatement query = connection.prepareStatement(
                "SELECT o.state, COUNT(*), MIN(b.billed_at) FROM notification_outbox o"
                        + " JOIN billing_records b ON b.purchase_id = o.purchase_id"
                        + " WHERE o.state IN ('PENDING', 'FAILED') GROUP BY o.state")) {
            query.setQueryTimeout(GAUGE_QUERY_TIMEOUT_SECONDS);
            long pending = 0;
            long failed = 0;
            Instant oldest = null;
            try (ResultSet rows = query.executeQuery()) {
                while (rows.next()) {
                    if ("PENDING".equals(rows.getString(1))) {
                        pending = rows.getLong(2);
                    } else {
                        failed = rows.getLong(2);
                    }
                    Instant first = Database.instant(rows, 3);
                    if (first != null && (oldest == null || first.isBefore(oldest))) {
                        oldest = first;
                    }
                }
            }
            double age = oldest == null ? 0 : Math.max(0, Duration.between(oldest, clock.instant()).toMillis() / 1000.0);
            return new OutboxReading(pending, failed, age);
        }
    }

    private static void runDelivery(EmoneyNotifier notifier) {
        try {
            notifier.deliverDue();
        } catch (RuntimeException e) {
            // The next run tries again; every notice stays in the outbox until it is settled.
            log.error("notice delivery run failed", e);
        }
    }

    public int port() {
        return https.port();
    }

    public Database database() {
        return database;
    }

    /** Delivery of the notices to the e-money server: {@code notifier().deliverDue()} runs what is due. */
    public EmoneyNotifier notifier() {
        return notifier;
    }

    /** The monthly cutoff: {@code billing().closeCycle(month)} and {@code billing().statement(month)}. */
    public BillingCycles billing() {
        return billing;
    }

    @Override
    public void close() throws Exception {
        if (delivery != null) {
            delivery.shutdownNow();
            delivery.awaitTermination(EmoneyNotifier.BACKGROUND_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
        }
        try {
            https.close();
            if (noticeSenders != null) {
                // Notices still queued stay claimed in the outbox and fall due when their lease ends.
                noticeSenders.shutdown();
                noticeSenders.awaitTermination(EmoneyNotifier.IMMEDIATE_TIMEOUT.toSeconds() + 1, TimeUnit.SECONDS);
            }
        } finally {
            notifier.close();
            database.close();
            metrics.close();
        }
    }
}
