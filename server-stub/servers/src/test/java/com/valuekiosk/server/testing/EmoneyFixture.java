package com.valuekiosk.server.testing;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.emoney.EmoneyServer;
import com.valuekiosk.server.emoney.EmoneyUsers;
import com.valuekiosk.server.http.HttpLimits;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import javax.net.ssl.SSLContext;

/**
 * A development PKI and an e-money server on loopback with the demo users, for tests. Terminals
 * KIOSK001 and KIOSK002 are registered; STRANGER has a certificate from our CA but is not.
 */
public final class EmoneyFixture implements AutoCloseable {

    public static final String KIOSK = "KIOSK001";
    public static final String OTHER_KIOSK = "KIOSK002";
    public static final String STRANGER = "STRANGER";
    /** A registered monitoring system (metrics scraper). */
    public static final String MONITOR = "prometheus";
    public static final Instant START = Instant.parse("2026-11-24T10:00:00Z");

    public final DevPki pki;
    public final MutableClock clock = new MutableClock(START);
    public final EmoneyServer server;

    private static DevPki sharedPki;

    /**
     * One PKI per test JVM: making certificates is the slow part of starting a fixture. It lives in
     * the JVM's {@link TestDirectory} (deleted when the JVM ends), protected by a random password that
     * dies with the JVM: a CA key that outlived its test run would open nothing.
     */
    public static synchronized DevPki sharedPki() throws java.io.IOException {
        if (sharedPki == null) {
            byte[] random = new byte[18];
            new java.security.SecureRandom().nextBytes(random);
            char[] password = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(random).toCharArray();
            sharedPki = DevPki.create(TestDirectory.get().resolve("pki"), password, List.of(KIOSK, OTHER_KIOSK, STRANGER));
            sharedPki.issuePointsSystem("points");
            sharedPki.issueMonitor(MONITOR);
        }
        return sharedPki;
    }

    public EmoneyFixture(Path directory, Storage storage) throws Exception {
        this(directory, storage, HttpLimits.defaults());
    }

    /** With the given limits of the HTTPS server (small ones make slow-client tests quick). */
    public EmoneyFixture(Path directory, Storage storage, HttpLimits limits) throws Exception {
        pki = sharedPki();
        DatabaseSettings database = storage.fresh(directory, "emoney");
        server = EmoneyServer.start(new EmoneyServer.Config("127.0.0.1", 0, database,
                TlsContexts.create(pki.emoneyServerKeyStore(), pki.storePassword(), pki.trustStore()),
                IssuerMasterKeys.demo(), DemoCards.YEN, Duration.ofDays(30), Duration.ZERO, clock, limits));
        EmoneyUsers.seedDemo(server.database(), List.of(KIOSK, OTHER_KIOSK));
        registerMonitor(server.database());
    }

    /** Registers {@link #MONITOR} with a server's database. */
    public static void registerMonitor(com.valuekiosk.server.db.Database database) {
        database.inTransaction(connection -> {
            com.valuekiosk.server.db.SqlClientRegistry.register(connection,
                    new PeerIdentity(com.valuekiosk.pki.CertificateRole.MONITOR, MONITOR), "monitoring");
            return null;
        });
    }

    public URI uri() {
        return URI.create("https://127.0.0.1:" + server.port());
    }

    public ApiClient terminal(String terminalId) {
        return client(pki.terminalKeyStore(terminalId));
    }

    public ApiClient creditServer() {
        return client(pki.creditServerKeyStore());
    }

    public ApiClient pointsSystem() {
        return client(pki.pointsSystemKeyStore("points"));
    }

    public ApiClient monitor() {
        return client(pki.monitorKeyStore(MONITOR));
    }

    public ApiClient client(Path keyStore) {
        SSLContext tls = TlsContexts.create(keyStore, pki.storePassword(), pki.trustStore());
        return new ApiClient(tls, uri());
    }

    public static PeerIdentity kiosk() {
        return new PeerIdentity(com.valuekiosk.pki.CertificateRole.TERMINAL, KIOSK);
    }

    @Override
    public void close() throws Exception {
        server.close();
    }
}
