package com.valuekiosk.kiosk.diagnostics.servers;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import java.net.URI;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Both real servers on loopback over mutual TLS 1.3, with the development PKI the kiosk's tests use. */
class ServerCheckTest {

    @TempDir
    static Path directory;
    static ServersFixture servers;

    @BeforeAll
    static void start() throws Exception {
        servers = new ServersFixture(directory, Storage.H2);
    }

    @AfterAll
    static void stop() throws Exception {
        if (servers != null) {
            servers.close();
        }
    }

    static ClientTls kioskTls(DevPki pki, Path keyStore) throws Exception {
        SSLContext context = TlsContexts.create(keyStore, pki.storePassword(), servers.pki.trustStore());
        KeyStore keys = TlsContexts.load(keyStore, pki.storePassword());
        String alias = keys.aliases().nextElement();
        return new ClientTls(context, List.of((X509Certificate) keys.getCertificateChain(alias)[0]));
    }

    static ClientTls kioskTls() throws Exception {
        return kioskTls(servers.pki, servers.pki.terminalKeyStore(ServersFixture.KIOSK));
    }

    @Test
    void bothServersAreUpWithEveryStepTimedAndTheCertificatesExpiryInDays() throws Exception {
        ServerCheck check = new ServerCheck(kioskTls(), Duration.ofSeconds(10), Clock.systemUTC());

        for (URI uri : List.of(servers.creditUri(), servers.emoneyUri())) {
            Outcome outcome = check.run(new ServerTarget("server", uri));

            assertThat(outcome.verdict()).as(outcome.toString()).isEqualTo(Verdict.PASS);
            assertThat(outcome.message()).startsWith("up: DNS ");
            assertThat(outcome.findings()).extracting(Finding::name).containsExactly("DNS", "TCP", "TLS 1.3 handshake",
                    "server certificate 1", "server certificate 2", "our client certificate", "mutual TLS + GET /health");
            assertThat(outcome.findings()).filteredOn(f -> !f.name().contains("certificate"))
                    .allMatch(f -> f.elapsed() != null);
            assertThat(value(outcome, "TLS 1.3 handshake")).startsWith("TLSv1.3, TLS_");
            assertThat(value(outcome, "server certificate 1")).contains("days to expiry");
            assertThat(value(outcome, "our client certificate")).contains("CN=" + ServersFixture.KIOSK)
                    .contains("days to expiry");
            assertThat(value(outcome, "mutual TLS + GET /health")).startsWith("HTTP/1.1 200");
        }
    }

    @Test
    void aClientCertificateFromAnotherCaIsRefusedAtTheMutualTlsStep(@TempDir Path other) throws Exception {
        DevPki stranger = DevPki.create(other, DevPki.DEFAULT_PASSWORD.toCharArray(), List.of("KIOSK-XX"));
        ServerCheck check = new ServerCheck(kioskTls(stranger, stranger.terminalKeyStore("KIOSK-XX")),
                Duration.ofSeconds(10), Clock.systemUTC());

        Outcome outcome = check.run(new ServerTarget("credit", servers.creditUri()));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        Finding last = outcome.findings().get(outcome.findings().size() - 1);
        assertThat(last.name()).isIn("mutual TLS + GET /health", "TLS 1.3 handshake");
        assertThat(last.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.findings()).extracting(Finding::name).contains("DNS", "TCP");
    }

    @Test
    void nobodyListeningFailsAtTheTcpStep() throws Exception {
        ServerCheck check = new ServerCheck(kioskTls(), Duration.ofSeconds(5), Clock.systemUTC());

        Outcome outcome = check.run(new ServerTarget("credit", URI.create("https://127.0.0.1:"
                + ServersFixture.closedPort())));

        assertThat(outcome.verdict()).isEqualTo(Verdict.FAIL);
        assertThat(outcome.message()).startsWith("TCP: ");
        assertThat(outcome.findings()).extracting(Finding::name).containsExactly("DNS", "TCP");
    }

    @Test
    void aCertificateCloseToItsEndIsAWarningAndAnExpiredOneAFailure() throws Exception {
        X509Certificate ours = kioskTls().chain().get(0);
        Instant end = ours.getNotAfter().toInstant();

        Outcome soon = new ServerCheck(kioskTls(), Duration.ofSeconds(10),
                Clock.fixed(end.minus(Duration.ofDays(10)), ZoneOffset.UTC))
                .run(new ServerTarget("credit", servers.creditUri()));
        assertThat(value(soon, "our client certificate")).contains("10 days to expiry");
        assertThat(soon.findings()).filteredOn(f -> f.name().equals("our client certificate"))
                .extracting(Finding::verdict).containsExactly(Verdict.WARN);

        Outcome expired = new ServerCheck(kioskTls(), Duration.ofSeconds(10),
                Clock.fixed(end.plus(Duration.ofDays(1)), ZoneOffset.UTC))
                .run(new ServerTarget("credit", servers.creditUri()));
        assertThat(value(expired, "our client certificate")).contains("EXPIRED");
        assertThat(expired.verdict()).isEqualTo(Verdict.FAIL);
    }

    static String value(Outcome outcome, String name) {
        return outcome.findings().stream().filter(f -> f.name().equals(name)).map(Finding::value).findFirst()
                .orElseThrow(() -> new AssertionError("no " + name + " in " + outcome));
    }
}
