package com.valuekiosk.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assumptions.assumeThat;

import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.Key;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.security.interfaces.ECPublicKey;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DevPkiTest {

    private static final char[] PASSWORD = DevPki.DEFAULT_PASSWORD.toCharArray();
    private static final List<String> TERMINALS = List.of("KIOSK-01", "HOMEPC01");
    private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    private static final int SAN_DNS = 2;
    private static final int SAN_IP = 7;

    @TempDir
    Path temp;

    private DevPki newPki() {
        return DevPki.create(temp.resolve("pki"), PASSWORD, TERMINALS);
    }

    private static X509Certificate[] chain(Path keyStore, String alias) throws Exception {
        KeyStore store = TlsContexts.load(keyStore, PASSWORD);
        return Arrays.stream(store.getCertificateChain(alias)).map(X509Certificate.class::cast)
                .toArray(X509Certificate[]::new);
    }

    private static X509Certificate leaf(Path keyStore, String alias) throws Exception {
        return chain(keyStore, alias)[0];
    }

    private static Stream<Path> files(Path directory) throws Exception {
        return Files.list(directory).filter(Files::isRegularFile);
    }

    @Test
    void createdPkiHasEveryFileInANewDirectory() throws Exception {
        Path directory = temp.resolve("not/yet/there");

        DevPki pki = DevPki.create(directory, PASSWORD, TERMINALS);

        assertThat(pki.directory()).isEqualTo(directory.toAbsolutePath());
        assertThat(directory).isDirectory();
        try (Stream<Path> files = files(directory)) {
            assertThat(files.map(file -> file.getFileName().toString())).containsExactlyInAnyOrder(
                    "ca.crt.pem", "ca.p12", "truststore.p12", "credit-server.p12", "emoney-server.p12",
                    "terminal-KIOSK-01.p12", "terminal-HOMEPC01.p12");
        }
        assertThat(pki.caCertificatePem()).isEqualTo(directory.toAbsolutePath().resolve("ca.crt.pem"));
        assertThat(pki.trustStore()).hasFileName("truststore.p12").isRegularFile();
        assertThat(pki.creditServerKeyStore()).hasFileName("credit-server.p12").isRegularFile();
        assertThat(pki.emoneyServerKeyStore()).hasFileName("emoney-server.p12").isRegularFile();
        assertThat(pki.terminalKeyStore("KIOSK-01")).hasFileName("terminal-KIOSK-01.p12").isRegularFile();
    }

    @Test
    void everyFileIsOwnerOnlyWherePosixPermissionsExist() throws Exception {
        DevPki pki = newPki();
        assumeThat(pki.directory().getFileSystem().supportedFileAttributeViews()).contains("posix");

        try (Stream<Path> files = files(pki.directory())) {
            assertThat(files).allSatisfy(file -> assertThat(
                    PosixFilePermissions.toString(Files.getPosixFilePermissions(file))).isEqualTo("rw-------"));
        }
    }

    @Test
    void caIsASelfSignedConstrainedCaValidForTenYears() throws Exception {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        DevPki pki = DevPki.create(temp.resolve("pki"), PASSWORD, TERMINALS, Clock.fixed(now, ZoneOffset.UTC));
        X509Certificate ca = pki.caCertificate();

        ca.verify(ca.getPublicKey());
        assertThat(ca.getSubjectX500Principal().getName()).isEqualTo("CN=ValueKiosk Development CA,OU=ca,O=ValueKiosk");
        assertThat(ca.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
        assertThat(ca.getBasicConstraints()).as("CA with path length 0").isZero();
        assertThat(ca.getKeyUsage()).as("only keyCertSign and cRLSign")
                .containsExactly(false, false, false, false, false, true, true, false, false);
        assertThat(ca.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
        assertThat(ca.getNotAfter().toInstant()).isEqualTo(Instant.parse("2036-11-24T10:00:00Z"));
        assertThat(ca).isEqualTo(CertificateFactory.getInstance("X.509")
                .generateCertificate(Files.newInputStream(pki.caCertificatePem())));
    }

    @Test
    void everyCertificateChainsToTheCaAndIsValidNow() throws Exception {
        DevPki pki = newPki();
        pki.issuePointsSystem("airline-miles");
        X509Certificate ca = pki.caCertificate();
        List<X509Certificate[]> chains = List.of(
                chain(pki.creditServerKeyStore(), DevPki.SERVER_KEY_ALIAS),
                chain(pki.emoneyServerKeyStore(), DevPki.SERVER_KEY_ALIAS),
                chain(pki.terminalKeyStore("KIOSK-01"), DevPki.TERMINAL_KEY_ALIAS),
                chain(pki.terminalKeyStore("HOMEPC01"), DevPki.TERMINAL_KEY_ALIAS),
                chain(pki.pointsSystemKeyStore("airline-miles"), DevPki.POINTS_SYSTEM_KEY_ALIAS));
        PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
        parameters.setRevocationEnabled(false);

        for (X509Certificate[] chain : chains) {
            assertThat(chain).hasSize(2);
            assertThat(chain[1]).isEqualTo(ca);
            X509Certificate leaf = chain[0];
            leaf.verify(ca.getPublicKey());
            leaf.checkValidity();
            assertThat(leaf.getIssuerX500Principal()).isEqualTo(ca.getSubjectX500Principal());
            assertThat(leaf.getBasicConstraints()).as("not a CA").isEqualTo(-1);
            assertThat(leaf.getKeyUsage()[0]).as("digitalSignature").isTrue();
            assertThat(leaf.getSigAlgName()).isEqualTo("SHA256withECDSA");
            assertThat(((ECPublicKey) leaf.getPublicKey()).getParams().getCurve().getField().getFieldSize())
                    .isEqualTo(256);
            CertPathValidator.getInstance("PKIX").validate(
                    CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
        }
    }

    @Test
    void serverCertificatesNameLocalhostAndAuthenticateBothWays() throws Exception {
        DevPki pki = newPki();

        for (String server : List.of("credit-server", "emoney-server")) {
            X509Certificate leaf = leaf(pki.directory().resolve(server + ".p12"), DevPki.SERVER_KEY_ALIAS);

            assertThat(leaf.getSubjectX500Principal().getName())
                    .isEqualTo("CN=" + server + ",OU=" + server + ",O=ValueKiosk");
            assertThat(leaf.getSubjectAlternativeNames()).contains(
                    List.of(SAN_DNS, "localhost"), List.of(SAN_IP, "127.0.0.1"), List.of(SAN_IP, "0:0:0:0:0:0:0:1"));
            assertThat(leaf.getExtendedKeyUsage()).containsExactlyInAnyOrder(SERVER_AUTH, CLIENT_AUTH);
        }
    }

    @Test
    void terminalCertificateCarriesTheTerminalIdAndOnlyClientAuth() throws Exception {
        DevPki pki = newPki();

        X509Certificate leaf = leaf(pki.terminalKeyStore("KIOSK-01"), DevPki.TERMINAL_KEY_ALIAS);

        assertThat(leaf.getSubjectX500Principal().getName()).isEqualTo("CN=KIOSK-01,OU=terminals,O=ValueKiosk");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
        assertThat(leaf.getSubjectAlternativeNames()).isNull();
    }

    @Test
    void pointsSystemCertificateHasItsOwnOuAndOnlyClientAuth() throws Exception {
        DevPki pki = newPki();

        Path keyStore = pki.issuePointsSystem("airline-miles");
        X509Certificate leaf = leaf(keyStore, DevPki.POINTS_SYSTEM_KEY_ALIAS);

        assertThat(keyStore).hasFileName("points-system-airline-miles.p12");
        assertThat(leaf.getSubjectX500Principal().getName())
                .isEqualTo("CN=airline-miles,OU=points-system,O=ValueKiosk");
        assertThat(leaf.getExtendedKeyUsage()).containsExactly(CLIENT_AUTH);
    }

    @Test
    void leafCertificatesStartAnHourAgoAndLastTwoYears() throws Exception {
        Instant now = Instant.parse("2026-11-24T10:00:00Z");
        DevPki pki = DevPki.create(temp.resolve("pki"), PASSWORD, TERMINALS, Clock.fixed(now, ZoneOffset.UTC));

        for (X509Certificate leaf : List.of(leaf(pki.creditServerKeyStore(), DevPki.SERVER_KEY_ALIAS),
                leaf(pki.terminalKeyStore("KIOSK-01"), DevPki.TERMINAL_KEY_ALIAS))) {
            assertThat(leaf.getNotBefore().toInstant()).isEqualTo(Instant.parse("2026-11-24T09:00:00Z"));
            assertThat(leaf.getNotAfter().toInstant()).isEqualTo(Instant.parse("2028-11-24T10:00:00Z"));
        }
    }

    @Test
    void terminalIssuedNearTheEndOfTheCaNeverOutlivesTheCa() throws Exception {
        Path directory = temp.resolve("pki");
        DevPki.create(directory, PASSWORD, List.of(),
                Clock.fixed(Instant.parse("2026-11-24T10:00:00Z"), ZoneOffset.UTC));
        DevPki nineYearsLater = DevPki.load(directory, PASSWORD,
                Clock.fixed(Instant.parse("2035-11-24T10:00:00Z"), ZoneOffset.UTC));

        X509Certificate late = leaf(nineYearsLater.issueTerminal("LATE-001"), DevPki.TERMINAL_KEY_ALIAS);

        assertThat(late.getNotAfter()).isEqualTo(nineYearsLater.caCertificate().getNotAfter());
    }

    @Test
    void serialNumbersAreRandomPositiveAndAtMost128Bits() throws Exception {
        DevPki pki = newPki();
        List<X509Certificate> certificates = new ArrayList<>(List.of(pki.caCertificate(),
                leaf(pki.creditServerKeyStore(), DevPki.SERVER_KEY_ALIAS),
                leaf(pki.emoneyServerKeyStore(), DevPki.SERVER_KEY_ALIAS)));
        for (String id : TERMINALS) {
            certificates.add(leaf(pki.terminalKeyStore(id), DevPki.TERMINAL_KEY_ALIAS));
        }

        Set<BigInteger> serials = new HashSet<>();
        for (X509Certificate certificate : certificates) {
            assertThat(certificate.getSerialNumber()).isPositive();
            assertThat(certificate.getSerialNumber().bitLength()).isLessThanOrEqualTo(128);
            serials.add(certificate.getSerialNumber());
        }
        assertThat(serials).hasSameSizeAs(certificates);
    }

    @Test
    void keyStoresAreReadableByThePlainJdkWithoutBouncyCastle() throws Exception {
        DevPki pki = newPki();
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(pki.terminalKeyStore("KIOSK-01"))) {
            store.load(in, PASSWORD);
        }

        Key key = store.getKey(DevPki.TERMINAL_KEY_ALIAS, PASSWORD);

        assertThat(store.getProvider().getName()).doesNotContain("BC");
        assertThat(key).isInstanceOf(PrivateKey.class);
        assertThat(key.getAlgorithm()).isEqualTo("EC");
        assertThat(key.getClass().getName()).doesNotStartWith("org.bouncycastle");
        assertThat(store.getCertificate(DevPki.TERMINAL_KEY_ALIAS).getClass().getName())
                .doesNotStartWith("org.bouncycastle");
        assertThat(pki.caCertificate().getClass().getName()).doesNotStartWith("org.bouncycastle");
    }

    @Test
    void trustStoreHoldsOnlyTheCaCertificate() throws Exception {
        DevPki pki = newPki();

        KeyStore trustStore = TlsContexts.load(pki.trustStore(), PASSWORD);

        assertThat(java.util.Collections.list(trustStore.aliases())).containsExactly(DevPki.TRUSTED_CA_ALIAS);
        assertThat(trustStore.isCertificateEntry(DevPki.TRUSTED_CA_ALIAS)).isTrue();
        assertThat(trustStore.getCertificate(DevPki.TRUSTED_CA_ALIAS)).isEqualTo(pki.caCertificate());
    }

    @Test
    void loadingTheSameDirectoryGivesTheSameCa() {
        DevPki created = newPki();

        DevPki loaded = DevPki.load(created.directory(), PASSWORD);

        assertThat(loaded.caCertificate()).isEqualTo(created.caCertificate());
        assertThat(loaded.directory()).isEqualTo(created.directory());
        assertThat(loaded.terminalKeyStore("KIOSK-01")).isEqualTo(created.terminalKeyStore("KIOSK-01"));
    }

    @Test
    void loadNamesTheMissingFile() throws Exception {
        DevPki pki = newPki();
        Files.delete(pki.emoneyServerKeyStore());

        assertThatThrownBy(() -> DevPki.load(pki.directory(), PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("emoney-server.p12 is missing");
    }

    @Test
    void loadOfAMissingDirectoryFailsClearly() {
        Path nowhere = temp.resolve("nowhere");

        assertThatThrownBy(() -> DevPki.load(nowhere, PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining(nowhere.toString())
                .hasMessageContaining("does not exist");
    }

    @Test
    void loadWithTheWrongPasswordNamesTheCaKeyStore() {
        DevPki pki = newPki();

        assertThatThrownBy(() -> DevPki.load(pki.directory(), "wrong".toCharArray()))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("ca.p12")
                .hasMessageContaining("wrong password");
    }

    @Test
    void loadRejectsAServerKeyStoreFromAnotherPki() throws Exception {
        DevPki pki = newPki();
        DevPki other = DevPki.create(temp.resolve("other"), PASSWORD, List.of());
        Files.copy(other.creditServerKeyStore(), pki.creditServerKeyStore(),
                java.nio.file.StandardCopyOption.REPLACE_EXISTING);

        assertThatThrownBy(() -> DevPki.load(pki.directory(), PASSWORD))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("credit-server.p12 was not issued by the CA");
    }

    @Test
    void createOnAnExistingPkiFailsAndChangesNothing() throws Exception {
        DevPki pki = newPki();
        byte[] caBefore = Files.readAllBytes(pki.directory().resolve("ca.p12"));

        assertThatThrownBy(() -> DevPki.create(pki.directory(), PASSWORD, List.of("NEWKIOSK")))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("A development CA already exists in " + pki.directory());
        assertThat(pki.directory().resolve("ca.p12")).hasBinaryContent(caBefore);
        assertThat(pki.directory().resolve("terminal-NEWKIOSK.p12")).doesNotExist();
    }

    @Test
    void createRefusesToOverwriteAnyExistingFile() throws Exception {
        Path directory = Files.createDirectories(temp.resolve("pki"));
        Files.writeString(directory.resolve("terminal-KIOSK-01.p12"), "someone else's");

        assertThatThrownBy(() -> DevPki.create(directory, PASSWORD, TERMINALS))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("Refusing to overwrite " + directory.toAbsolutePath().resolve("terminal-KIOSK-01.p12"));
        assertThat(directory.resolve("terminal-KIOSK-01.p12")).hasContent("someone else's");
        assertThat(directory.resolve("ca.p12")).doesNotExist();
    }

    @Test
    void createOrLoadCreatesThenLoadsAndIssuesOnlyMissingTerminals() throws Exception {
        Path directory = temp.resolve("pki");
        DevPki first = DevPki.createOrLoad(directory, PASSWORD, List.of("KIOSK-01"));
        byte[] kioskBefore = Files.readAllBytes(first.terminalKeyStore("KIOSK-01"));

        DevPki second = DevPki.createOrLoad(directory, PASSWORD, List.of("KIOSK-01", "KIOSK-02"));

        assertThat(second.caCertificate()).isEqualTo(first.caCertificate());
        assertThat(second.terminalKeyStore("KIOSK-01")).hasBinaryContent(kioskBefore);
        leaf(second.terminalKeyStore("KIOSK-02"), DevPki.TERMINAL_KEY_ALIAS).verify(first.caCertificate().getPublicKey());
    }

    @Test
    void issueTerminalIsIdempotent() throws Exception {
        DevPki pki = newPki();
        Path first = pki.issueTerminal("KIOSK-09");
        byte[] content = Files.readAllBytes(first);

        Path again = pki.issueTerminal("KIOSK-09");
        Path alreadyCreated = pki.issueTerminal("KIOSK-01");

        assertThat(again).isEqualTo(first).isEqualTo(pki.terminalKeyStore("KIOSK-09"));
        assertThat(again).hasBinaryContent(content);
        assertThat(alreadyCreated).isEqualTo(pki.terminalKeyStore("KIOSK-01"));
    }

    @Test
    void terminalIssuedAfterLoadingChainsToTheSameCa() throws Exception {
        DevPki created = newPki();
        DevPki loaded = DevPki.load(created.directory(), PASSWORD);

        X509Certificate later = leaf(loaded.issueTerminal("LATER-01"), DevPki.TERMINAL_KEY_ALIAS);

        later.verify(created.caCertificate().getPublicKey());
        assertThat(PeerIdentity.of(later)).isEqualTo(new PeerIdentity(CertificateRole.TERMINAL, "LATER-01"));
    }

    @Test
    void terminalKeyStoreOfAnUnknownIdFailsClearly() {
        DevPki pki = newPki();

        assertThatThrownBy(() -> pki.terminalKeyStore("UNKNOWN1"))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("Terminal 'UNKNOWN1' has no certificate")
                .hasMessageContaining("issueTerminal");
    }

    @Test
    void invalidTerminalIdsAreRejectedBeforeAnythingIsWritten() {
        Collection<String> invalid = List.of("SHORT", "TOO-LONG-1", "../../x", "KIOSK 01", "KIOSK_01", "KİOSK-01");
        DevPki pki = newPki();

        for (String id : invalid) {
            assertThatThrownBy(() -> pki.issueTerminal(id)).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageContaining("exactly 8");
        }
        assertThatThrownBy(() -> DevPki.create(temp.resolve("other"), PASSWORD, List.of("KIOSK-01", "SHORT")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("'SHORT'");
        assertThat(temp.resolve("other")).doesNotExist();
    }

    @Test
    void storePasswordIsACopyTheCallerMayWipe() {
        char[] password = "secret-dev".toCharArray();
        DevPki pki = DevPki.create(temp.resolve("pki"), password, TERMINALS);
        Arrays.fill(password, '\0');

        char[] returned = pki.storePassword();
        Arrays.fill(returned, '\0');

        assertThat(pki.storePassword()).containsExactly("secret-dev".toCharArray());
        assertThat(DevPki.load(pki.directory(), "secret-dev".toCharArray()).caCertificate())
                .isEqualTo(pki.caCertificate());
    }
}
