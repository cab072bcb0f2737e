package com.valuekiosk.server.testing;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.credit.CreditServer;
import com.valuekiosk.server.db.DatabaseSettings;
import com.valuekiosk.server.emoney.EmoneyServer;
import com.valuekiosk.server.emoney.EmoneyUsers;
import com.valuekiosk.server.http.HttpLimits;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.ValuePurchaseRequest;
import java.net.URI;
import java.nio.file.Path;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Executor;
import javax.net.ssl.SSLContext;

/**
 * Both servers on loopback, the credit company server delivering its notices to the e-money
 * server, with the demo data on both sides and one clock for both. Terminals KIOSK001 and KIOSK002
 * are registered on both servers; STRANGER has a certificate from our CA but is registered nowhere.
 *
 * <p>The e-money server can be stopped and started again on the same port and database, to test
 * that notices survive its absence. No background delivery runs: tests call
 * {@code credit.notifier().deliverDue()} after moving the clock. Each purchase's notice is sent in
 * the request's thread before the purchase answers, so that a test sees it delivered at once.
 */
public final class ServersFixture implements AutoCloseable {

    public static final String KIOSK = EmoneyFixture.KIOSK;
    public static final String OTHER_KIOSK = EmoneyFixture.OTHER_KIOSK;
    public static final String STRANGER = EmoneyFixture.STRANGER;
    public static final String MONITOR = EmoneyFixture.MONITOR;
    public static final Instant START = EmoneyFixture.START;

    public final DevPki pki;
    public final MutableClock clock = new MutableClock(START);
    public final CreditServer credit;
    private final DatabaseSettings emoneyDatabase;
    private final int emoneyPort;
    private volatile EmoneyServer emoney;

    /** A development PKI for {@link #ServersFixture(DevPki, Path, Storage)}; making one takes a moment, share it. */
    public static DevPki pki(Path directory) {
        DevPki pki = DevPki.create(directory.resolve("pki"), DevPki.DEFAULT_PASSWORD.toCharArray(),
                List.of(KIOSK, OTHER_KIOSK, STRANGER));
        pki.issuePointsSystem("points");
        pki.issueMonitor(MONITOR);
        return pki;
    }

    public ServersFixture(Path directory, Storage storage) throws Exception {
        this(pki(directory), directory, storage);
    }

    public ServersFixture(DevPki pki, Path directory, Storage storage) throws Exception {
        this(pki, directory, storage, CreditServer.Config.NOTICE_IN_REQUEST);
    }

    /** With each purchase's notice sent on {@code noticeDelivery} (see {@link CreditServer.Config}). */
    public ServersFixture(DevPki pki, Path directory, Storage storage, Executor noticeDelivery) throws Exception {
        this.pki = pki;
        emoneyDatabase = storage.fresh(directory, "emoney");
        emoney = startEmoney(0);
        emoneyPort = emoney.port();
        EmoneyUsers.seedDemo(emoney.database(), List.of(KIOSK, OTHER_KIOSK));
        EmoneyFixture.registerMonitor(emoney.database());
        CreditServer started;
        try {
            started = CreditServer.start(new CreditServer.Config("127.0.0.1", 0, storage.fresh(directory, "credit"),
                    tls(pki.creditServerKeyStore()), IssuerMasterKeys.demo(), DemoCards.YEN, emoneyUri(),
                    tls(pki.creditServerKeyStore()), Duration.ZERO, clock, HttpLimits.defaults(), noticeDelivery));
            CardAccounts.seedDemo(started.database(), List.of(KIOSK, OTHER_KIOSK));
            EmoneyFixture.registerMonitor(started.database());
        } catch (Exception | Error e) {
            emoney.close();
            throw e;
        }
        credit = started;
    }

    private EmoneyServer startEmoney(int port) throws Exception {
        return EmoneyServer.start(new EmoneyServer.Config("127.0.0.1", port, emoneyDatabase,
                tls(pki.emoneyServerKeyStore()), IssuerMasterKeys.demo(), DemoCards.YEN, Duration.ofDays(30),
                Duration.ZERO, clock));
    }

    /** The e-money server, while it runs. */
    public EmoneyServer emoney() {
        return emoney;
    }

    /** Stops the e-money server: the credit server's notices cannot get through. */
    public void stopEmoney() throws Exception {
        if (emoney != null) {
            emoney.close();
            emoney = null;
        }
    }

    /** Starts the e-money server again, on its old port and database. */
    public void startEmoney() throws Exception {
        if (emoney == null) {
            emoney = startEmoney(emoneyPort);
        }
    }

    public URI creditUri() {
        return URI.create("https://127.0.0.1:" + credit.port());
    }

    public URI emoneyUri() {
        return URI.create("https://127.0.0.1:" + emoneyPort);
    }

    /** A terminal's client of the credit company server. */
    public ApiClient terminal(String terminalId) {
        return new ApiClient(tls(pki.terminalKeyStore(terminalId)), creditUri());
    }

    /** A terminal's client of the e-money server. */
    public ApiClient terminalOnEmoney(String terminalId) {
        return new ApiClient(tls(pki.terminalKeyStore(terminalId)), emoneyUri());
    }

    /** The monitoring system's client of a server ({@link #creditUri()} or {@link #emoneyUri()}). */
    public ApiClient monitor(URI server) {
        return new ApiClient(tls(pki.monitorKeyStore(MONITOR)), server);
    }

    /** The e-money server's own certificate, calling the credit company server. */
    public ApiClient emoneyServerOnCredit() {
        return new ApiClient(tls(pki.emoneyServerKeyStore()), creditUri());
    }

    /** The credit company server's certificate, calling the e-money server (e.g. to deliver a notice by hand). */
    public ApiClient creditServerOnEmoney() {
        return new ApiClient(tls(pki.creditServerKeyStore()), emoneyUri());
    }

    /** What the e-money server has prepared for a card, asked as KIOSK001 (cards without a password). */
    public long available(CardNumber emoneyCard) {
        ApiClient.Response response = terminalOnEmoney(KIOSK).post(ApiPaths.AVAILABILITY,
                new AvailabilityRequest(emoneyCard.digits(), null));
        if (response.status() != 200) {
            throw new AssertionError("availability answered " + response.status() + ": " + response.body());
        }
        return response.as(Availability.class).total();
    }

    /** The credit company server's client context towards the e-money server (for a second notifier). */
    public SSLContext creditServerTls() {
        return tls(pki.creditServerKeyStore());
    }

    /** The first column of the first row of a query on the credit server's database, or null. */
    public <T> T credit(Class<T> type, String sql, Object... parameters) {
        return credit.database().inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(sql)) {
                for (int i = 0; i < parameters.length; i++) {
                    select.setObject(i + 1, parameters[i]);
                }
                try (ResultSet row = select.executeQuery()) {
                    return row.next() ? row.getObject(1, type) : null;
                }
            }
        });
    }

    /** A number from the first column of the first row of a query on the e-money server's database. */
    public long emoneyCount(String sql) {
        return emoney().database().inTransaction(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }

    /** A loopback port nothing listens on (it was free a moment ago): a server that is down. */
    public static int closedPort() {
        try (java.net.ServerSocket socket = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private SSLContext tls(Path keyStore) {
        return TlsContexts.create(keyStore, pki.storePassword(), pki.trustStore());
    }

    /**
     * A purchase request with the cryptogram the credit card would answer for {@code terminalId}
     * (use {@link ValuePurchaseRequest#MAPPED_EMONEY_CARD} for the mapping variant).
     */
    public static ValuePurchaseRequest purchase(CardNumber creditCard, String emoneyCard, long amount, int atc,
                                                String terminalId) {
        return purchase(UUID.randomUUID(), creditCard, emoneyCard, amount, atc, terminalId);
    }

    public static ValuePurchaseRequest purchase(UUID requestId, CardNumber creditCard, String emoneyCard, long amount,
                                                int atc, String terminalId) {
        PurchaseRequest signed = new PurchaseRequest(amount, DemoCards.YEN, CardNumber.of(emoneyCard), new TerminalId(terminalId));
        PurchaseAuthorization authorization = PurchaseAuthorization.compute(
                IssuerMasterKeys.demo().cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, creditCard), creditCard, signed, atc);
        return new ValuePurchaseRequest(requestId, creditCard.digits(), emoneyCard, amount,
                DemoCards.YEN.getCurrencyCode(), atc, Bytes.hex(authorization.cryptogram()));
    }

    @Override
    public void close() throws Exception {
        try {
            credit.close();
        } finally {
            stopEmoney();
        }
    }
}
