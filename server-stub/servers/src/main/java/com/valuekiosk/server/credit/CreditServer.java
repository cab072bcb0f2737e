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
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.concurrent.Executors;
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
     * what the HTTPS server grants its clients.
     */
    public record Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                         Currency currency, URI emoneyServer, SSLContext emoneyClientTls, Duration deliveryInterval,
                         Clock clock, HttpLimits limits) {

        /** With the production limits ({@link HttpLimits#defaults()}). */
        public Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                      Currency currency, URI emoneyServer, SSLContext emoneyClientTls, Duration deliveryInterval,
                      Clock clock) {
            this(host, port, database, tls, issuerKeys, currency, emoneyServer, emoneyClientTls, deliveryInterval, clock,
                    HttpLimits.defaults());
        }
    }

    private final Database database;
    private final EmoneyNotifier notifier;
    private final BillingCycles billing;
    private final HttpsServer https;
    private final ScheduledExecutorService delivery;

    private CreditServer(Database database, EmoneyNotifier notifier, BillingCycles billing, HttpsServer https,
                         ScheduledExecutorService delivery) {
        this.database = database;
        this.notifier = notifier;
        this.billing = billing;
        this.https = https;
        this.delivery = delivery;
    }

    public static CreditServer start(Config config) throws Exception {
        Database database = config.database().open("credit");
        try {
            EmoneyNotifier notifier = new EmoneyNotifier(database, config.emoneyServer(), config.emoneyClientTls(),
                    config.clock());
            PurchaseService purchases = new PurchaseService(database, StoredReplies.INSTANCE, config.issuerKeys(),
                    config.currency(), notifier, config.clock());
            BillingCycles billing = new BillingCycles(database, config.clock());
            HttpsServer https = new HttpsServer("credit", config.host(), config.port(), config.tls(),
                    new ApiHandler("credit", new SqlClientRegistry(database)::isKnown, CreditEndpoints.routes(purchases),
                    config.limits())).start();
            ScheduledExecutorService delivery = null;
            Duration interval = config.deliveryInterval();
            if (interval != null && !interval.isNegative() && !interval.isZero()) {
                delivery = Executors.newSingleThreadScheduledExecutor(runnable -> {
                    Thread thread = new Thread(runnable, "credit-notice-delivery");
                    thread.setDaemon(true);
                    return thread;
                });
                long millis = interval.toMillis();
                delivery.scheduleWithFixedDelay(() -> runDelivery(notifier), millis, millis, TimeUnit.MILLISECONDS);
            }
            log.info("credit company server listening on {}:{}, notifying {}", config.host(), https.port(),
                    config.emoneyServer());
            return new CreditServer(database, notifier, billing, https, delivery);
        } catch (Exception | Error e) {
            database.close();
            throw e;
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
        } finally {
            database.close();
        }
    }
}
