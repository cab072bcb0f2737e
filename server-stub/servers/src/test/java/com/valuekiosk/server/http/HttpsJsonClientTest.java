package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import java.net.ServerSocket;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The servers' own HTTPS client (the credit company server's notices): mutual TLS, and no answer told apart from an error answer. */
class HttpsJsonClientTest {

    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    @TempDir
    static Path directory;

    private static EmoneyFixture fixture;

    @BeforeAll
    static void start() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    @Test
    void theCreditServersCertificateGetsTheEmoneyServersAnswer() throws Exception {
        SSLContext credit = TlsContexts.create(fixture.pki.creditServerKeyStore(), fixture.pki.storePassword(),
                fixture.pki.trustStore());
        try (HttpsJsonClient client = new HttpsJsonClient("test-client", credit, TIMEOUT)) {
            HttpsJsonClient.Answer answer = client.post(fixture.uri().resolve(ApiPaths.PREPARATIONS), "{}", TIMEOUT);

            // Through TLS, identified and registered: the body itself is what is refused.
            assertThat(answer.status()).isEqualTo(400);
            assertThat(answer.body()).contains("\"code\"").contains("INVALID_REQUEST");
        }
    }

    @Test
    void aServerWhoseCertificateOurCaDidNotIssueIsNotTalkedTo() throws Exception {
        DevPki other = DevPki.create(directory.resolve("other-pki"), fixture.pki.storePassword(), List.of("KIOSK001"));
        // Our certificate, but only the other CA trusted: the e-money server's certificate fails the check.
        SSLContext trustingOthers = TlsContexts.create(fixture.pki.creditServerKeyStore(), fixture.pki.storePassword(),
                other.trustStore());
        try (HttpsJsonClient client = new HttpsJsonClient("test-client", trustingOthers, TIMEOUT)) {
            assertThatThrownBy(() -> client.post(fixture.uri().resolve(ApiPaths.PREPARATIONS), "{}", TIMEOUT))
                    .isInstanceOfSatisfying(HttpsJsonClient.Unreachable.class, e -> assertThat(e.timedOut()).isFalse())
                    .hasMessageContaining("SSL");
        }
    }

    @Test
    void nobodyListeningIsNoAnswerRatherThanAnErrorAnswer() throws Exception {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        SSLContext credit = TlsContexts.create(fixture.pki.creditServerKeyStore(), fixture.pki.storePassword(),
                fixture.pki.trustStore());
        try (HttpsJsonClient client = new HttpsJsonClient("test-client", credit, TIMEOUT)) {
            assertThatThrownBy(() -> client.post(URI.create("https://127.0.0.1:" + closedPort + ApiPaths.PREPARATIONS), "{}",
                    TIMEOUT)).isInstanceOfSatisfying(HttpsJsonClient.Unreachable.class, e -> assertThat(e.timedOut()).isFalse());
        }
    }
}
