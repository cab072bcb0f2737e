package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLServerSocket;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509TrustManager;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsContextsTest {

    private static final char[] PASSWORD = DevPki.DEFAULT_PASSWORD.toCharArray();
    /** The key exchange name the JDK checks a server certificate's key usage against. */
    private static final String AUTH_TYPE = "ECDHE_ECDSA";

    @TempDir
    static Path directory;

    private static DevPki pki;
    private static DevPki otherPki;

    @BeforeAll
    static void createPkis() {
        pki = DevPki.create(directory.resolve("pki"), PASSWORD, List.of("KIOSK-01"));
        otherPki = DevPki.create(directory.resolve("other"), PASSWORD, List.of("KIOSK-01"));
    }

    private static X509Certificate[] chain(Path keyStore) throws Exception {
        return Arrays.stream(TlsContexts.load(keyStore, PASSWORD).getCertificateChain(DevPki.SERVER_KEY_ALIAS))
                .map(X509Certificate.class::cast).toArray(X509Certificate[]::new);
    }

    @Test
    void loadWithTheWrongPasswordNamesTheFile() {
        Path keyStore = pki.terminalKeyStore("KIOSK-01");

        assertThatThrownBy(() -> TlsContexts.load(keyStore, "not-it".toCharArray()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(keyStore.toString())
                .hasMessageContaining("wrong password");
    }

    @Test
    void loadOfAMissingFileNamesIt() {
        Path missing = directory.resolve("missing.p12");

        assertThatThrownBy(() -> TlsContexts.load(missing, PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(missing.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void loadOfAFileThatIsNotPkcs12NamesIt() {
        Path pem = pki.caCertificatePem();

        assertThatThrownBy(() -> TlsContexts.load(pem, PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(pem.toString())
                .hasMessageContaining("not a PKCS12 file");
    }

    @Test
    void contextsEnableOnlyTls13OnSocketsServerSocketsAndEngines() throws Exception {
        SSLContext context = TlsContexts.create(pki.creditServerKeyStore(), PASSWORD, pki.trustStore());

        assertThat(context.getProtocol()).isEqualTo("TLSv1.3");
        assertThat(context.getDefaultSSLParameters().getProtocols()).containsExactly("TLSv1.3");
        assertThat(context.createSSLEngine().getEnabledProtocols()).containsExactly("TLSv1.3");
        assertThat(context.createSSLEngine("localhost", 443).getEnabledProtocols()).containsExactly("TLSv1.3");
        try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket();
                SSLServerSocket server = (SSLServerSocket) context.getServerSocketFactory().createServerSocket()) {
            assertThat(socket.getEnabledProtocols()).containsExactly("TLSv1.3");
            assertThat(server.getEnabledProtocols()).containsExactly("TLSv1.3");
        }
    }

    @Test
    void trustManagerTrustsOnlyTheCaOfItsTrustStore() throws Exception {
        X509TrustManager trustManager = TlsContexts.trustManager(pki.trustStore(), PASSWORD);

        assertThat(trustManager.getAcceptedIssuers()).containsExactly(pki.caCertificate());
        assertThatCode(() -> trustManager.checkServerTrusted(chain(pki.emoneyServerKeyStore()), AUTH_TYPE))
                .doesNotThrowAnyException();
        assertThatThrownBy(() -> trustManager.checkServerTrusted(
                chain(otherPki.emoneyServerKeyStore()), AUTH_TYPE))
                .isInstanceOf(CertificateException.class);
    }

    @Test
    void trustStoreWithoutTrustedCertificatesIsRejectedNamingIt() {
        Path notATrustStore = pki.terminalKeyStore("KIOSK-01");

        assertThatThrownBy(() -> TlsContexts.trustManager(notATrustStore, PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(notATrustStore.toString())
                .hasMessageContaining("no trusted certificate");
    }

    @Test
    void keyStoreWithoutPrivateKeyIsRejectedNamingIt() throws Exception {
        Path trustStoreAsKeyStore = pki.trustStore();
        assertThat(Files.exists(trustStoreAsKeyStore)).isTrue();

        assertThatThrownBy(() -> TlsContexts.create(trustStoreAsKeyStore, PASSWORD, pki.trustStore()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(trustStoreAsKeyStore.toString())
                .hasMessageContaining("no private key");
    }
}
