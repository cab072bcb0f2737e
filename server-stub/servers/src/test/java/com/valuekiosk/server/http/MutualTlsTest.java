package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** R-SV3: only clients with a certificate from our CA reach the API, and only registered ones are served. */
class MutualTlsTest {

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
    void aRegisteredTerminalIsServed() {
        ApiClient.Response health = fixture.terminal(EmoneyFixture.KIOSK).get(ApiPaths.HEALTH);
        assertThat(health.status()).isEqualTo(200);
        assertThat(health.body()).contains("\"UP\"");
    }

    @Test
    void aClientWithoutACertificateCannotConnect() throws Exception {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        KeyStore store = TlsContexts.load(fixture.pki.trustStore(), fixture.pki.storePassword());
        trust.init(store);
        SSLContext noCertificate = SSLContext.getInstance("TLSv1.3");
        noCertificate.init(null, trust.getTrustManagers(), null);
        ApiClient anonymous = new ApiClient(noCertificate, fixture.uri());

        assertThatThrownBy(() -> anonymous.get(ApiPaths.HEALTH)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aCertificateFromAnotherCaCannotConnect() {
        // The same store password as the fixture's PKI, so that one context can hold stores of both.
        DevPki other = DevPki.create(directory.resolve("other-pki"), fixture.pki.storePassword(), List.of(EmoneyFixture.KIOSK));
        // Its own CA trusted, so the client accepts the server: only the server's check can fail.
        SSLContext impostor = TlsContexts.create(other.terminalKeyStore(EmoneyFixture.KIOSK), other.storePassword(), fixture.pki.trustStore());
        ApiClient client = new ApiClient(impostor, fixture.uri());

        assertThatThrownBy(() -> client.get(ApiPaths.HEALTH)).isInstanceOf(UncheckedIOException.class);
    }

    @Test
    void aTerminalOurCaKnowsButTheServerDoesNotIsRefused() {
        ApiClient.Response response = fixture.terminal(EmoneyFixture.STRANGER).get(ApiPaths.HEALTH);
        assertThat(response.status()).isEqualTo(403);
        assertThat(response.error().code()).isEqualTo(ErrorCode.UNKNOWN_CLIENT);
    }

    @Test
    void aTerminalThatWasDeactivatedIsRefused() {
        fixture.server.database().inTransaction(connection -> connection.createStatement()
                .executeUpdate("UPDATE clients SET active = FALSE WHERE name = '" + EmoneyFixture.OTHER_KIOSK + "'"));
        ApiClient.Response response = fixture.terminal(EmoneyFixture.OTHER_KIOSK).get(ApiPaths.HEALTH);
        assertThat(response.error().code()).isEqualTo(ErrorCode.UNKNOWN_CLIENT);
    }
}
