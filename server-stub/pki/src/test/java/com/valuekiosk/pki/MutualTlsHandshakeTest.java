package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real TLS 1.3 handshakes on 127.0.0.1 between a server socket with the credit server's key store and
 * clients with various certificates. Threads meet through futures with timeouts; sockets have read
 * timeouts, so a failure cannot hang the build.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class MutualTlsHandshakeTest {

    private static final char[] PASSWORD = DevPki.DEFAULT_PASSWORD.toCharArray();
    private static final String TERMINAL = "KIOSK-01";
    private static final int TIMEOUT_MILLIS = 10_000;
    private static final int GREETING = 42;
    /** What the client saw when the server did not greet it: an exception or the end of the stream. */
    private static final int NO_GREETING = -2;

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static DevPki otherPki;

    private SSLServerSocket server;
    private ExecutorService acceptor;

    @BeforeAll
    static void createPkis() {
        pki = DevPki.create(directory.resolve("pki"), PASSWORD, List.of(TERMINAL));
        pki.issuePointsSystem("airline-miles");
        otherPki = DevPki.create(directory.resolve("other"), PASSWORD, List.of(TERMINAL));
    }

    @BeforeEach
    void startServer() throws IOException {
        SSLContext serverContext = TlsContexts.create(pki.creditServerKeyStore(), PASSWORD, pki.trustStore());
        server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"));
        server.setNeedClientAuth(true);
        server.setEnabledProtocols(new String[] {"TLSv1.3"});
        server.setSoTimeout(TIMEOUT_MILLIS);
        acceptor = Executors.newSingleThreadExecutor();
    }

    @AfterEach
    void stopServer() throws IOException {
        server.close();
        acceptor.shutdownNow();
    }

    /** Accepts one connection, completes the handshake, greets the client and returns its certificate. */
    private Future<X509Certificate> acceptOne() {
        return acceptor.submit(() -> {
            try (SSLSocket socket = (SSLSocket) server.accept()) {
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                X509Certificate peer = (X509Certificate) socket.getSession().getPeerCertificates()[0];
                socket.getOutputStream().write(GREETING);
                socket.getOutputStream().flush();
                return peer;
            }
        });
    }

    /**
     * Connects, shakes hands and reads the server's greeting. In TLS 1.3 the client finishes its side of
     * the handshake before the server has checked the client certificate, so a rejection may reach the
     * client only when it reads.
     */
    private int connectAndReadGreeting(SSLContext client) {
        try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
            socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            socket.startHandshake();
            int read = socket.getInputStream().read();
            return read < 0 ? NO_GREETING : read;
        } catch (IOException e) {
            return NO_GREETING;
        }
    }

    private static X509Certificate serverSees(Future<X509Certificate> accepted) throws Exception {
        return accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
    }

    private static void assertServerRejectedTheHandshake(Future<X509Certificate> accepted) {
        assertThatThrownBy(() -> accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(SSLHandshakeException.class);
    }

    @Test
    void terminalOfTheSamePkiCompletesTheHandshakeAndIsIdentifiedById() throws Exception {
        SSLContext terminal = TlsContexts.create(pki.terminalKeyStore(TERMINAL), PASSWORD, pki.trustStore());
        Future<X509Certificate> accepted = acceptOne();

        int greeting = connectAndReadGreeting(terminal);

        assertThat(greeting).isEqualTo(GREETING);
        assertThat(PeerIdentity.of(serverSees(accepted)))
                .isEqualTo(new PeerIdentity(CertificateRole.TERMINAL, TERMINAL));
    }

    @Test
    void creditServerAuthenticatesAsAClientWithItsServerCertificate() throws Exception {
        SSLContext creditServerAsClient =
                TlsContexts.create(pki.creditServerKeyStore(), PASSWORD, pki.trustStore());
        Future<X509Certificate> accepted = acceptOne();

        assertThat(connectAndReadGreeting(creditServerAsClient)).isEqualTo(GREETING);
        assertThat(PeerIdentity.of(serverSees(accepted)))
                .isEqualTo(new PeerIdentity(CertificateRole.CREDIT_SERVER, "credit-server"));
    }

    @Test
    void pointsSystemCompletesTheHandshakeAndIsIdentifiedByName() throws Exception {
        SSLContext pointsSystem =
                TlsContexts.create(pki.pointsSystemKeyStore("airline-miles"), PASSWORD, pki.trustStore());
        Future<X509Certificate> accepted = acceptOne();

        assertThat(connectAndReadGreeting(pointsSystem)).isEqualTo(GREETING);
        assertThat(PeerIdentity.of(serverSees(accepted)))
                .isEqualTo(new PeerIdentity(CertificateRole.POINTS_SYSTEM, "airline-miles"));
    }

    @Test
    void terminalCertificateFromAnotherCaIsRejected() {
        // Every development CA has the same name, so the client's key manager does offer its certificate
        // and the server has to refuse the chain itself (its signature does not verify).
        SSLContext impostor = TlsContexts.create(otherPki.terminalKeyStore(TERMINAL), PASSWORD, pki.trustStore());
        Future<X509Certificate> accepted = acceptOne();

        int greeting = connectAndReadGreeting(impostor);

        assertServerRejectedTheHandshake(accepted);
        assertThatThrownBy(() -> accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS))
                .cause().as("the offered chain was checked and refused")
                .hasCauseInstanceOf(CertificateException.class);
        assertThat(greeting).isEqualTo(NO_GREETING);
    }

    @Test
    void clientWithoutCertificateIsRejected() throws Exception {
        SSLContext anonymous = SSLContext.getInstance("TLSv1.3");
        anonymous.init(new KeyManager[0],
                new TrustManager[] {TlsContexts.trustManager(pki.trustStore(), PASSWORD)}, null);
        Future<X509Certificate> accepted = acceptOne();

        int greeting = connectAndReadGreeting(anonymous);

        assertServerRejectedTheHandshake(accepted);
        assertThat(greeting).isEqualTo(NO_GREETING);
    }

    @Test
    void clientOfferingOnlyTls12IsRejected() throws Exception {
        SSLContext terminal = TlsContexts.create(pki.terminalKeyStore(TERMINAL), PASSWORD, pki.trustStore());
        Future<X509Certificate> accepted = acceptOne();

        try (SSLSocket socket = (SSLSocket) terminal.getSocketFactory().createSocket()) {
            socket.setEnabledProtocols(new String[] {"TLSv1.2"});
            socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), TIMEOUT_MILLIS);
            socket.setSoTimeout(TIMEOUT_MILLIS);
            assertThatThrownBy(socket::startHandshake).isInstanceOf(SSLException.class);
        }
        assertServerRejectedTheHandshake(accepted);
    }
}
