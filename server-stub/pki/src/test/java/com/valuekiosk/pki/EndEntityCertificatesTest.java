package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

/**
 * Our trust managers accept as a peer only an end entity with the key usages of its role, even
 * when our own CA signed something else: certificates built here with BouncyCastle and signed by
 * the development CA, checked by the trust manager and in real TLS 1.3 handshakes.
 */
@Timeout(value = 60, unit = TimeUnit.SECONDS)
class EndEntityCertificatesTest {

    private static final char[] PASSWORD = DevPki.DEFAULT_PASSWORD.toCharArray();
    private static final String TERMINAL = "O=ValueKiosk,OU=terminals,CN=KIOSK001";
    private static final int TIMEOUT_MILLIS = 10_000;

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static PrivateKey caKey;
    private static X509TrustManager trust;

    @BeforeAll
    static void createPki() throws Exception {
        pki = DevPki.create(directory.resolve("pki"), PASSWORD, List.of("KIOSK001"));
        caKey = (PrivateKey) TlsContexts.load(pki.directory().resolve(DevPki.CA_KEY_STORE), PASSWORD)
                .getKey(DevPki.CA_KEY_ALIAS, PASSWORD);
        trust = TlsContexts.trustManager(pki.trustStore(), PASSWORD);
    }

    private static X509Certificate[] chain(HeldCertificate held) {
        return new X509Certificate[] {held.certificate, pki.caCertificate()};
    }

    @Test
    void aTerminalCertificateWithTheRightUsagesIsAccepted() throws Exception {
        HeldCertificate good = HeldCertificate.builder(TERMINAL).signedBy(pki.caCertificate(), caKey);

        assertThatCode(() -> trust.checkClientTrusted(chain(good), "UNKNOWN")).doesNotThrowAnyException();
    }

    @Test
    void aLeafThatIsACaIsRefusedAsATerminal() throws Exception {
        HeldCertificate ca = HeldCertificate.builder(TERMINAL).basicConstraints(new BasicConstraints(true))
                .signedBy(pki.caCertificate(), caKey);

        assertThatThrownBy(() -> trust.checkClientTrusted(chain(ca), "UNKNOWN"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("CA:TRUE");
    }

    @Test
    void aTerminalCertificateWithoutTheClientAuthPurposeIsRefused() throws Exception {
        HeldCertificate none = HeldCertificate.builder(TERMINAL).extendedKeyUsage(null)
                .signedBy(pki.caCertificate(), caKey);
        HeldCertificate serverOnly = HeldCertificate.builder(TERMINAL)
                .extendedKeyUsage(new ExtendedKeyUsage(KeyPurposeId.id_kp_serverAuth)).signedBy(pki.caCertificate(), caKey);

        assertThatThrownBy(() -> trust.checkClientTrusted(chain(none), "UNKNOWN"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("clientAuth");
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(serverOnly), "UNKNOWN"))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void aTerminalCertificateWithTheWrongKeyUsageIsRefused() throws Exception {
        HeldCertificate noKeyUsage = HeldCertificate.builder(TERMINAL).keyUsage(null).signedBy(pki.caCertificate(), caKey);
        HeldCertificate encipherOnly = HeldCertificate.builder(TERMINAL).keyUsage(new KeyUsage(KeyUsage.keyAgreement))
                .signedBy(pki.caCertificate(), caKey);
        HeldCertificate signsCertificates = HeldCertificate.builder(TERMINAL)
                .keyUsage(new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign)).signedBy(pki.caCertificate(), caKey);

        assertThatThrownBy(() -> trust.checkClientTrusted(chain(noKeyUsage), "UNKNOWN"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("digitalSignature");
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(encipherOnly), "UNKNOWN"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkClientTrusted(chain(signsCertificates), "UNKNOWN"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("sign certificates");
    }

    @Test
    void aServerCertificateWithoutTheServerAuthPurposeIsRefusedByClients() throws Exception {
        HeldCertificate clientOnly = HeldCertificate.builder("O=ValueKiosk,OU=emoney-server,CN=emoney-server")
                .signedBy(pki.caCertificate(), caKey);
        HeldCertificate none = HeldCertificate.builder("O=ValueKiosk,OU=emoney-server,CN=emoney-server")
                .extendedKeyUsage(null).signedBy(pki.caCertificate(), caKey);

        assertThatThrownBy(() -> trust.checkServerTrusted(chain(clientOnly), "UNKNOWN"))
                .isInstanceOf(CertificateException.class);
        assertThatThrownBy(() -> trust.checkServerTrusted(chain(none), "UNKNOWN"))
                .isInstanceOf(CertificateException.class).hasMessageContaining("serverAuth");
    }

    @Test
    void everyCertificateTheDevelopmentPkiIssuesFollowsTheRules() throws Exception {
        pki.issuePointsSystem("miles");
        for (Path keyStore : List.of(pki.terminalKeyStore("KIOSK001"), pki.pointsSystemKeyStore("miles"),
                pki.creditServerKeyStore(), pki.emoneyServerKeyStore())) {
            X509Certificate[] issued = java.util.Arrays.stream(TlsContexts.load(keyStore, PASSWORD)
                    .getCertificateChain(keyStore.equals(pki.terminalKeyStore("KIOSK001")) ? DevPki.TERMINAL_KEY_ALIAS
                            : keyStore.equals(pki.pointsSystemKeyStore("miles")) ? DevPki.POINTS_SYSTEM_KEY_ALIAS
                            : DevPki.SERVER_KEY_ALIAS))
                    .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
            assertThatCode(() -> trust.checkClientTrusted(issued, "UNKNOWN")).as(keyStore.toString())
                    .doesNotThrowAnyException();
        }
        X509Certificate[] server = java.util.Arrays.stream(TlsContexts.load(pki.emoneyServerKeyStore(), PASSWORD)
                .getCertificateChain(DevPki.SERVER_KEY_ALIAS)).map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
        assertThatCode(() -> trust.checkServerTrusted(server, "UNKNOWN")).doesNotThrowAnyException();
    }

    @Test
    void aServerRefusesTheHandshakeOfACaLeafAndCompletesAGoodOne() throws Exception {
        HeldCertificate ca = HeldCertificate.builder(TERMINAL).basicConstraints(new BasicConstraints(true))
                .signedBy(pki.caCertificate(), caKey);
        HeldCertificate good = HeldCertificate.builder(TERMINAL).signedBy(pki.caCertificate(), caKey);
        SSLContext caClient = TlsContexts.create(ca.keyStore(directory.resolve("ca-leaf.p12"), pki.caCertificate(), PASSWORD),
                PASSWORD, pki.trustStore());
        SSLContext goodClient = TlsContexts.create(good.keyStore(directory.resolve("good.p12"), pki.caCertificate(), PASSWORD),
                PASSWORD, pki.trustStore());

        assertThat(handshake(caClient)).isInstanceOf(ExecutionException.class)
                .cause().hasRootCauseInstanceOf(CertificateException.class);
        assertThat(handshake(goodClient)).isNull();
    }

    /** One handshake with a server holding the e-money server's certificate: what the server side failed with, or null. */
    private static Throwable handshake(SSLContext client) throws Exception {
        SSLContext serverContext = TlsContexts.create(pki.emoneyServerKeyStore(), PASSWORD, pki.trustStore());
        ExecutorService acceptor = Executors.newSingleThreadExecutor();
        try (SSLServerSocket server = (SSLServerSocket) serverContext.getServerSocketFactory()
                .createServerSocket(0, 1, InetAddress.getByName("127.0.0.1"))) {
            server.setNeedClientAuth(true);
            server.setSoTimeout(TIMEOUT_MILLIS);
            Future<?> accepted = acceptor.submit(() -> {
                try (SSLSocket socket = (SSLSocket) server.accept()) {
                    socket.setSoTimeout(TIMEOUT_MILLIS);
                    socket.startHandshake();
                    socket.getOutputStream().write(42);
                    socket.getOutputStream().flush();
                }
                return null;
            });
            try (SSLSocket socket = (SSLSocket) client.getSocketFactory().createSocket()) {
                socket.connect(new InetSocketAddress(server.getInetAddress(), server.getLocalPort()), TIMEOUT_MILLIS);
                socket.setSoTimeout(TIMEOUT_MILLIS);
                socket.startHandshake();
                socket.getInputStream().read();
            } catch (IOException refused) {
                // The server's refusal reaches the client as an alert or a closed stream.
            }
            try {
                accepted.get(TIMEOUT_MILLIS, TimeUnit.MILLISECONDS);
                return null;
            } catch (ExecutionException e) {
                return e;
            }
        } finally {
            acceptor.shutdownNow();
        }
    }
}
