package com.valuekiosk.server.emoney;

import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.db.SqlClientRegistry;
import com.valuekiosk.server.http.ApiHandler;
import com.valuekiosk.server.http.HttpsServer;
import com.valuekiosk.server.http.Reply;
import com.valuekiosk.server.http.Route;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.PreparationNotice;
import java.time.Clock;
import java.time.Duration;
import java.util.Currency;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The e-money server (R-SV2): its database, its HTTPS endpoints and its expiry job. */
public final class EmoneyServer implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(EmoneyServer.class);

    /**
     * How to run it. {@code expiryInterval} zero or negative: no background expiry (tests and the
     * command line run it on demand).
     */
    public record Config(String host, int port, DatabaseSettings database, SSLContext tls, IssuerMasterKeys issuerKeys,
                         Currency currency, Duration preparationValidity, Duration expiryInterval, Clock clock) {
    }

    private final Database database;
    private final EmoneyService service;
    private final PreparationExpiry expiry;
    private final HttpsServer https;
    private final ScheduledExecutorService scheduler;

    private EmoneyServer(Database database, EmoneyService service, PreparationExpiry expiry, HttpsServer https,
                         ScheduledExecutorService scheduler) {
        this.database = database;
        this.service = service;
        this.expiry = expiry;
        this.https = https;
        this.scheduler = scheduler;
    }

    public static EmoneyServer start(Config config) throws Exception {
        Database database = config.database().open("emoney");
        try {
            EmoneyService service = new EmoneyService(database, config.issuerKeys(), config.currency(),
                    config.preparationValidity(), config.clock());
            Set<CertificateRole> terminals = Set.of(CertificateRole.TERMINAL);
            List<Route> routes = List.of(
                    Route.post(ApiPaths.PREPARATIONS, Set.of(CertificateRole.CREDIT_SERVER, CertificateRole.POINTS_SYSTEM),
                            call -> service.prepare(call.body(PreparationNotice.class), call.peer())),
                    Route.post(ApiPaths.AVAILABILITY, terminals,
                            call -> Reply.ok(service.availability(call.body(AvailabilityRequest.class)))),
                    Route.post(ApiPaths.AMOUNT_CHANGES, terminals,
                            call -> service.issueAmountChange(call.body(AmountChangeRequest.class), call.peer())),
                    Route.post(ApiPaths.COMPLETIONS, terminals,
                            call -> service.complete(call.body(CompletionRequest.class), call.peer())),
                    Route.post(ApiPaths.CHARGE_STATUS, terminals,
                            call -> service.status(call.body(ChargeStatusRequest.class), call.peer())),
                    Route.get(ApiPaths.HEALTH, Set.of(CertificateRole.values()),
                            call -> Reply.ok(Map.of("status", "UP", "server", "emoney"))));
            HttpsServer https = new HttpsServer("emoney", config.host(), config.port(), config.tls(),
                    new ApiHandler("emoney", new SqlClientRegistry(database), routes)).start();
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
            return new EmoneyServer(database, service, expiry, https, scheduler);
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

    public EmoneyService service() {
        return service;
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
