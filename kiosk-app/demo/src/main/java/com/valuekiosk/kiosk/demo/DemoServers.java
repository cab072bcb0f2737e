package com.valuekiosk.kiosk.demo;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.kiosk.app.StartupWork;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.credit.CreditServer;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.demo.DemoData;
import com.valuekiosk.server.emoney.EmoneyServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;

/**
 * The credit company server and the e-money server in this process, on loopback and on ports the system
 * chooses (so that the demo never collides with servers already running on 8443/8444), over mutual TLS
 * with the development PKI, on H2 files with the demo data.
 *
 * <p>The databases start empty on every start: the simulated cards are new on every start too (their
 * balances and counters live in memory), and old server records of cards that no longer exist would only
 * confuse the demo. The PKI is kept.
 */
public final class DemoServers implements AutoCloseable {

    public static final String TERMINAL = DemoData.DEMO_TERMINAL;
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration NOTICE_DELIVERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    private static final Duration PREPARATION_VALIDITY = Duration.ofDays(30);

    private final DevPki pki;
    private final EmoneyServer emoney;
    private final CreditServer credit;

    private DemoServers(DevPki pki, EmoneyServer emoney, CreditServer credit) {
        this.pki = pki;
        this.emoney = emoney;
        this.credit = credit;
    }

    /**
     * Creates the PKI in {@code directory/pki} if missing, fresh databases in {@code directory/servers}, and
     * starts both servers.
     */
    public static DemoServers start(Path directory) throws Exception {
        DevPki pki = DevPki.createOrLoad(directory.resolve("pki"), DevPki.DEFAULT_PASSWORD.toCharArray(), List.of(TERMINAL));
        DatabaseSettings emoneyDatabase = DatabaseSettings.h2(fresh(directory.resolve("servers"), "emoney"));
        DatabaseSettings creditDatabase = DatabaseSettings.h2(fresh(directory.resolve("servers"), "credit"));
        // The credit company server's TLS context (its key and trust stores opened, PBKDF2 each) is made while the e-money
        // server starts, and serves both its own port and its calls to the e-money server (issue #16).
        CompletableFuture<SSLContext> creditTls = CompletableFuture.supplyAsync(() -> tls(pki, pki.creditServerKeyStore()),
                runnable -> {
                    Thread thread = new Thread(runnable, "demo-credit-tls");
                    thread.setDaemon(true);
                    thread.start();
                });
        EmoneyServer emoney = EmoneyServer.start(new EmoneyServer.Config(LOOPBACK, 0, emoneyDatabase,
                tls(pki, pki.emoneyServerKeyStore()), IssuerMasterKeys.demo(), DemoCards.YEN, PREPARATION_VALIDITY,
                EXPIRY_INTERVAL, Clock.systemUTC()));
        try {
            DemoData.seedEmoney(emoney.database(), List.of(TERMINAL));
            SSLContext creditContext = StartupWork.join(creditTls);
            CreditServer credit = CreditServer.start(new CreditServer.Config(LOOPBACK, 0, creditDatabase,
                    creditContext, IssuerMasterKeys.demo(), DemoCards.YEN,
                    uri(emoney.port()), creditContext, NOTICE_DELIVERY_INTERVAL, Clock.systemUTC()));
            try {
                DemoData.seedCredit(credit.database(), List.of(TERMINAL));
            } catch (RuntimeException | Error e) {
                credit.close();
                throw e;
            }
            return new DemoServers(pki, emoney, credit);
        } catch (Exception | Error e) {
            emoney.close();
            throw e;
        }
    }

    /** The H2 database {@code name} in {@code directory}, its files from an earlier start removed. */
    private static Path fresh(Path directory, String name) {
        try {
            Files.createDirectories(directory);
            for (String suffix : List.of(".mv.db", ".trace.db")) {
                Files.deleteIfExists(directory.resolve(name + suffix));
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot prepare the demo database " + directory.resolve(name), e);
        }
        return directory.resolve(name);
    }

    private static SSLContext tls(DevPki pki, Path keyStore) {
        return TlsContexts.create(keyStore, pki.storePassword(), pki.trustStore());
    }

    private static URI uri(int port) {
        return URI.create("https://" + LOOPBACK + ":" + port);
    }

    public DevPki pki() {
        return pki;
    }

    public URI creditUri() {
        return uri(credit.port());
    }

    public URI emoneyUri() {
        return uri(emoney.port());
    }

    /** The credit company server first: it delivers notices to the e-money server. */
    @Override
    public void close() throws Exception {
        try {
            credit.close();
        } finally {
            emoney.close();
        }
    }
}
