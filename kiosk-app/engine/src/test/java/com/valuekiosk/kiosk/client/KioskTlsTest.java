package com.valuekiosk.kiosk.client;

import static com.valuekiosk.kiosk.client.TestClients.EMONEY_CARD;
import static com.valuekiosk.kiosk.client.TestClients.SETTINGS;
import static com.valuekiosk.kiosk.client.TestClients.KIOSK;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.PkiException;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import okhttp3.TlsVersion;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-SV3 from the kiosk's side: mutual TLS 1.3 with our CA only, and what the flows see when it fails. */
class KioskTlsTest {

    private static final AvailabilityRequest REQUEST = new AvailabilityRequest(EMONEY_CARD, null);

    @TempDir
    static Path directory;

    private static TestServers servers;
    private static Path ourPki;
    /** Another CA with its own KIOSK001: same names, wrong issuer. */
    private static Path otherPki;

    @BeforeAll
    static void start() throws Exception {
        servers = TestServers.start(directory.resolve("servers"));
        ourPki = servers.pkiDirectory();
        otherPki = TestServers.createPki(directory.resolve("other-pki"), KIOSK);
    }

    @AfterAll
    static void stop() throws Exception {
        servers.close();
    }

    @Test
    void theTerminalCertificateReachesTheServerOverTls13Only() {
        KioskTls tls = servers.terminalTls(KIOSK);
        assertThat(tls.connectionSpec().isTls()).isTrue();
        assertThat(tls.connectionSpec().tlsVersions()).containsExactly(TlsVersion.TLS_1_3);

        RecordingSleeper sleeper = new RecordingSleeper();
        try (EmoneyClient client = new EmoneyClient(servers.emoneyUri(), tls, SETTINGS, sleeper)) {
            assertThat(client.availability(REQUEST)).isInstanceOf(Outcome.Success.class);
        }
    }

    @Test
    void aCertificateFromAnotherCaFailsTheHandshake() {
        // It trusts our CA, so only the server's check of the client certificate can fail.
        KioskTls impostor = TestServers.terminalTls(otherPki, ourPki, KIOSK);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (EmoneyClient client = new EmoneyClient(servers.emoneyUri(), impostor, SETTINGS, sleeper)) {

            Outcome<Availability> outcome = client.availability(REQUEST);

            assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
            assertThat(((Outcome.Unknown<Availability>) outcome).reason()).containsIgnoringCase("TLS")
                    .containsIgnoringCase("handshake");
        }
    }

    @Test
    void aServerFromAnotherCaIsNotTrustedAndNotRetried() {
        KioskTls distrustful = TestServers.terminalTls(ourPki, otherPki, KIOSK);
        RecordingSleeper sleeper = new RecordingSleeper();
        try (EmoneyClient client = new EmoneyClient(servers.emoneyUri(), distrustful, SETTINGS, sleeper)) {

            Outcome<Availability> outcome = client.availability(REQUEST);

            assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
            assertThat(((Outcome.Unknown<Availability>) outcome).reason()).contains("TLS handshake failed").contains("not trusted");
            assertThat(sleeper.waits()).isEmpty();
        }
    }

    @Test
    void anEmptyTrustStoreIsRejectedWhenTheKioskStarts() throws Exception {
        KeyStore empty = KeyStore.getInstance("PKCS12");
        empty.load(null, null);
        Path file = directory.resolve("empty-truststore.p12");
        try (OutputStream out = Files.newOutputStream(file)) {
            empty.store(out, TestServers.storePassword());
        }

        assertThatThrownBy(() -> KioskTls.fromFiles(TestServers.terminalKeyStore(ourPki, KIOSK),
                TestServers.storePassword(), file))
                .isInstanceOf(PkiException.class)
                .hasMessageContaining("no trusted certificate");
    }

    @Test
    void cleartextServerUrlsAreRejected() {
        char[] password = TestServers.storePassword();
        Path trustStore = ourPki.resolve(DevPki.TRUST_STORE);
        KioskTls tls = KioskTls.of(TlsContexts.create(TestServers.terminalKeyStore(ourPki, KIOSK), password, trustStore),
                TlsContexts.trustManager(trustStore, password));

        assertThatThrownBy(() -> new EmoneyClient(URI.create("http://127.0.0.1:8080"), tls, SETTINGS))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("https");
    }
}
