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

    private EmoneyServer(Database database, PreparationExpiry expiry, HttpsServer https,
                         ScheduledExecutorService scheduler) {
        this.database = database;
        this.expiry = expiry;
        this.https = https;
        this.scheduler = scheduler;
    }

    public static EmoneyServer start(Config config) throws Exception {
        Database database = config.database().open("emoney");
        try {
            EmoneyService service = new EmoneyService(database, StoredReplies.INSTANCE, config.issuerKeys(),
                    config.currency(), config.preparationValidity(), config.clock());
            HttpsServer https = new HttpsServer("emoney", config.host(), config.port(), config.tls(),
                    new ApiHandler("emoney", new SqlClientRegistry(database)::isKnown, EmoneyEndpoints.routes(service),
                    config.limits())).start();
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
            return new EmoneyServer(database, expiry, https, scheduler);
        } catch (Exception | Error e) {
            database.close();
            throw e;
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
        }
    }
}
