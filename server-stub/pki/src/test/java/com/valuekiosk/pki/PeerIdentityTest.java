package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PeerIdentityTest {

    private static final char[] PASSWORD = DevPki.DEFAULT_PASSWORD.toCharArray();

    @TempDir
    static Path directory;

    private static DevPki pki;

    @BeforeAll
    static void createPki() {
        pki = DevPki.create(directory.resolve("pki"), PASSWORD, List.of("KIOSK-01"));
        pki.issuePointsSystem("airline-miles");
    }

    private static X509Certificate leaf(Path keyStore) throws Exception {
        var store = TlsContexts.load(keyStore, PASSWORD);
        return (X509Certificate) store.getCertificate(store.aliases().nextElement());
    }

    @Test
    void terminalCertificateIdentifiesTheTerminalById() throws Exception {
        assertThat(PeerIdentity.of(leaf(pki.terminalKeyStore("KIOSK-01"))))
                .isEqualTo(new PeerIdentity(CertificateRole.TERMINAL, "KIOSK-01"));
    }

    @Test
    void serverCertificatesIdentifyTheirServer() throws Exception {
        assertThat(PeerIdentity.of(leaf(pki.creditServerKeyStore())))
                .isEqualTo(new PeerIdentity(CertificateRole.CREDIT_SERVER, "credit-server"));
        assertThat(PeerIdentity.of(leaf(pki.emoneyServerKeyStore())))
                .isEqualTo(new PeerIdentity(CertificateRole.EMONEY_SERVER, "emoney-server"));
    }

    @Test
    void pointsSystemCertificateIdentifiesThePointsSystem() throws Exception {
        assertThat(PeerIdentity.of(leaf(pki.pointsSystemKeyStore("airline-miles"))))
                .isEqualTo(new PeerIdentity(CertificateRole.POINTS_SYSTEM, "airline-miles"));
    }

    @Test
    void certificateWithAnUnknownOuIsRejectedNamingTheOu() throws Exception {
        X509Certificate cashier = TestCertificates.selfSigned("O=ValueKiosk,OU=cashiers,CN=KIOSK-01");

        assertThatThrownBy(() -> PeerIdentity.of(cashier))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("unknown OU 'cashiers'")
                .hasMessageContaining("expected one of credit-server, emoney-server, terminals, points-system");
    }

    @Test
    void certificateWithoutOuIsRejected() throws Exception {
        X509Certificate noOu = TestCertificates.selfSigned("O=ValueKiosk,CN=KIOSK-01");

        assertThatThrownBy(() -> PeerIdentity.of(noOu))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no OU");
    }

    @Test
    void ouIsMatchedExactlyNotIgnoringCase() throws Exception {
        X509Certificate shouting = TestCertificates.selfSigned("O=ValueKiosk,OU=TERMINALS,CN=KIOSK-01");

        assertThatThrownBy(() -> PeerIdentity.of(shouting)).hasMessageContaining("unknown OU 'TERMINALS'");
    }

    @Test
    void certificateWithoutCnIsRejected() throws Exception {
        X509Certificate noCn = TestCertificates.selfSigned("O=ValueKiosk,OU=terminals");

        assertThatThrownBy(() -> PeerIdentity.of(noCn))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no CN");
    }

    @Test
    void certificateWithTwoOusIsRejected() throws Exception {
        X509Certificate twoRoles = TestCertificates.selfSigned(
                "O=ValueKiosk,OU=terminals,OU=credit-server,CN=KIOSK-01");

        assertThatThrownBy(() -> PeerIdentity.of(twoRoles))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("more than one OU");
    }

    @Test
    void terminalCertificateWithAnInvalidTerminalIdIsRejected() throws Exception {
        X509Certificate longName = TestCertificates.selfSigned("O=ValueKiosk,OU=terminals,CN=KIOSK-0001");

        assertThatThrownBy(() -> PeerIdentity.of(longName))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("not a valid terminal id");
    }

    @Test
    void caCertificateIsNotAPeer() {
        assertThatThrownBy(() -> PeerIdentity.of(pki.caCertificate()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("CA certificate");
    }
}
