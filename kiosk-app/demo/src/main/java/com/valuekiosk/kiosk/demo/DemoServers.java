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
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The credit company server and the e-money server in this process, on loopback and on ports the system
 * chooses (so that the demo never collides with servers already running on 8443/8444), over mutual TLS
 * with the development PKI, on H2 files with the demo data.
 *
 * <p>The servers can start behind the kiosk's menu (issue #16): {@link #bind} creates the PKI and binds both
 * ports, so that their addresses are known, and {@link #begin()} brings up the databases, migrations, demo data,
 * TLS contexts and Jetty on a thread of their own — the demo window calls it once the menu is on the screen.
 * A client that connects before its server is up waits in the listening socket's backlog until it accepts;
 * {@link #awaitUp()} begins if nobody has and waits for both. {@link #start} is both steps at once.
 *
 * <p>The databases start empty on every start: the simulated cards are new on every start too (their
 * balances and counters live in memory), and old server records of cards that no longer exist would only
 * confuse the demo. The PKI is kept.
 */
public final class DemoServers implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(DemoServers.class);

    public static final String TERMINAL = DemoData.DEMO_TERMINAL;
    private static final String LOOPBACK = "127.0.0.1";
    private static final Duration NOTICE_DELIVERY_INTERVAL = Duration.ofSeconds(5);
    private static final Duration EXPIRY_INTERVAL = Duration.ofMinutes(1);
    private static final Duration PREPARATION_VALIDITY = Duration.ofDays(30);

    private final DevPki pki;
    private final Path directory;
    private final ServerSocketChannel emoneySocket;
    private final ServerSocketChannel creditSocket;
    private final int emoneyPort;
    private final int creditPort;
    private final CompletableFuture<Running> up = new CompletableFuture<>();
    private final AtomicBoolean begun = new AtomicBoolean();

    /** Both servers, once up. */
    private record Running(EmoneyServer emoney, CreditServer credit) {
    }

    private DemoServers(DevPki pki, Path directory, ServerSocketChannel emoneySocket, ServerSocketChannel creditSocket)
            throws IOException {
        this.pki = pki;
        this.directory = directory;
        this.emoneySocket = emoneySocket;
        this.creditSocket = creditSocket;
        this.emoneyPort = ((InetSocketAddress) emoneySocket.getLocalAddress()).getPort();
        this.creditPort = ((InetSocketAddress) creditSocket.getLocalAddress()).getPort();
    }

    /** {@link #bind} and {@link #begin()}: both servers start in the background at once. */
    public static DemoServers start(Path directory) throws Exception {
        DemoServers servers = bind(directory);
        servers.begin();
        return servers;
    }

    /**
     * Creates the PKI in {@code directory/pki} if missing and binds a port for each server on loopback; the
     * servers themselves start with {@link #begin()}, on fresh databases in {@code directory/servers}.
     */
    public static DemoServers bind(Path directory) throws Exception {
        DevPki pki = DevPki.createOrLoad(directory.resolve("pki"), DevPki.DEFAULT_PASSWORD.toCharArray(), List.of(TERMINAL));
        ServerSocketChannel emoneySocket = listen();
        ServerSocketChannel creditSocket = null;
        try {
            creditSocket = listen();
            return new DemoServers(pki, directory, emoneySocket, creditSocket);
        } catch (IOException | RuntimeException e) {
            closeQuietly(emoneySocket);
            if (creditSocket != null) {
                closeQuietly(creditSocket);
            }
            throw e;
        }
    }

    /** Starts both servers on a thread of their own, once; later calls do nothing. */
    public void begin() {
        if (!begun.compareAndSet(false, true)) {
            return;
        }
        Thread starter = new Thread(() -> {
            long started = System.nanoTime();
            try {
                up.complete(startBoth(pki, directory, emoneySocket, creditSocket, emoneyPort));
                log.info("demo servers up in {} ms", (System.nanoTime() - started) / 1_000_000);
            } catch (Exception | Error e) {
                // Clients waiting in the backlogs are refused at once instead of waiting for their timeouts.
                closeSockets();
                log.error("the demo servers did not start; the kiosk cannot reach them", e);
                up.completeExceptionally(e);
            }
        }, "demo-servers");
        starter.setDaemon(true);
        starter.start();
    }

    private static Running startBoth(DevPki pki, Path directory, ServerSocketChannel emoneySocket,
                                     ServerSocketChannel creditSocket, int emoneyPort) throws Exception {
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
                EXPIRY_INTERVAL, Clock.systemUTC()), emoneySocket);
        try {
            DemoData.seedEmoney(emoney.database(), List.of(TERMINAL));
            SSLContext creditContext = StartupWork.join(creditTls);
            CreditServer credit = CreditServer.start(new CreditServer.Config(LOOPBACK, 0, creditDatabase,
                    creditContext, IssuerMasterKeys.demo(), DemoCards.YEN,
                    uri(emoneyPort), creditContext, NOTICE_DELIVERY_INTERVAL, Clock.systemUTC()), creditSocket);
            try {
                DemoData.seedCredit(credit.database(), List.of(TERMINAL));
            } catch (RuntimeException | Error e) {
                credit.close();
                throw e;
            }
            return new Running(emoney, credit);
        } catch (Exception | Error e) {
            emoney.close();
            throw e;
        }
    }

    /**
     * Waits until both servers are up, beginning their start if nobody has. {@link IllegalStateException} when
     * they failed to start (the reason is its cause, and was logged).
     */
    public void awaitUp() {
        begin();
        try {
            StartupWork.join(up);
        } catch (RuntimeException | Error e) {
            throw new IllegalStateException("the demo servers did not start: " + e.getMessage(), e);
        }
    }

    private static ServerSocketChannel listen() throws IOException {
        ServerSocketChannel socket = ServerSocketChannel.open();
        try {
            socket.bind(new InetSocketAddress(LOOPBACK, 0));
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
        return socket;
    }

    private void closeSockets() {
        closeQuietly(emoneySocket);
        closeQuietly(creditSocket);
    }

    private static void closeQuietly(ServerSocketChannel socket) {
        try {
            socket.close();
        } catch (IOException e) {
            log.warn("closing a demo server's socket failed", e);
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
        return uri(creditPort);
    }

    public URI emoneyUri() {
        return uri(emoneyPort);
    }

    /**
     * Waits for the start to end, then stops the credit company server first (it delivers notices to the e-money
     * server). Servers that failed to start hold nothing: their sockets are closed already.
     */
    @Override
    public void close() throws Exception {
        if (begun.compareAndSet(false, true)) {
            closeSockets(); // never started: only the sockets are held
            return;
        }
        Running running;
        try {
            running = StartupWork.join(up);
        } catch (RuntimeException | Error failedToStart) {
            return;
        }
        try {
            running.credit().close();
        } finally {
            running.emoney().close();
        }
    }
}
