package com.valuekiosk.server.metrics;

import static com.valuekiosk.server.testing.ServersFixture.KIOSK;
import static com.valuekiosk.server.testing.ServersFixture.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.sim.SimulatedCardFactory;
import com.valuekiosk.pki.DevPki;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.ServersFixture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * {@code GET /metrics} on both servers, over mutual TLS: requests and error codes counted by route
 * template, the outbox and the unconfirmed charges read from the database, the pool's metrics, and
 * no card number anywhere.
 */
class ServerMetricsTest {

    private static final CardNumber CREDIT = DemoCards.CREDIT_CARD.cardNumber();
    private static final CardNumber PURSE = DemoCards.EMONEY_CARD.cardNumber();

    @TempDir
    static Path shared;
    static DevPki pki;

    @TempDir
    Path directory;

    @BeforeAll
    static void pki() {
        pki = ServersFixture.pki(shared);
    }

    @ParameterizedTest
    @EnumSource(Storage.class)
    void metricsCountRequestsErrorsPendingNoticesAndUnconfirmedCharges(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            ApiClient kiosk = servers.terminal(KIOSK);
            // Delivered at once: value prepared on the e-money server, charged to the card and never confirmed.
            ValuePurchaseResponse delivered = kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK))
                    .as(ValuePurchaseResponse.class);
            assertThat(delivered.notification()).isEqualTo(ValuePurchaseResponse.Notification.DELIVERED);
            PurseApplication purse = new PurseApplication(new SimulatedCardFactory(IssuerMasterKeys.demo())
                    .purseCard(DemoCards.EMONEY_CARD));
            purse.select();
            String challenge = servers.terminalOnEmoney(KIOSK).post(ApiPaths.CHALLENGES,
                    new com.valuekiosk.wire.ChallengeRequest(PURSE.digits())).as(com.valuekiosk.wire.CardChallenge.class).challenge();
            com.valuekiosk.card.host.PurseStateProof proof = purse.proveState(com.valuekiosk.card.host.Bytes.fromHex(challenge));
            PurseData card = proof.data();
            ApiClient.Response change = servers.terminalOnEmoney(KIOSK).post(ApiPaths.AMOUNT_CHANGES,
                    new AmountChangeRequest(UUID.randomUUID(), PURSE.digits(), null,
                            new CardState(card.creditSequence(), card.balance(), List.of(), challenge,
                                    com.valuekiosk.card.host.Bytes.hex(proof.mac()))));
            assertThat(change.status()).as(change.body()).isEqualTo(200);

            String emoney = scrape(servers.emoneyUri());
            assertThat(value(emoney, "valuekiosk_charges_unconfirmed", "")).isEqualTo(1);
            assertThat(value(emoney, "valuekiosk_charges_unconfirmed_oldest_age_seconds", "")).isGreaterThanOrEqualTo(0);
            assertThat(value(emoney, "valuekiosk_http_requests_seconds_count",
                    "method=\"POST\",route=\"" + ApiPaths.AMOUNT_CHANGES + "\",server=\"emoney\",status=\"200\"")).isEqualTo(1);
            assertThat(value(emoney, "valuekiosk_http_requests_seconds_count",
                    "method=\"POST\",route=\"" + ApiPaths.PREPARATIONS + "\",server=\"emoney\",status=\"200\"")).isEqualTo(1);
            assertHikariAndJvm(emoney, "emoney");
            assertNoCardNumber(emoney);

            // The e-money server is away: the next notice stays pending; a forged cryptogram is refused.
            servers.stopEmoney();
            servers.clock.advance(java.time.Duration.ofSeconds(30));
            ValuePurchaseResponse pending = kiosk.post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 1_000, 2, KIOSK))
                    .as(ValuePurchaseResponse.class);
            assertThat(pending.notification()).isEqualTo(ValuePurchaseResponse.Notification.PENDING);
            ValuePurchaseRequest forged = purchase(CREDIT, PURSE.digits(), 500, 3, KIOSK);
            ApiClient.Response refused = kiosk.post(ApiPaths.PURCHASES, new ValuePurchaseRequest(forged.requestId(),
                    forged.cardNumber(), forged.emoneyCardNumber(), forged.amount(), forged.currency(), forged.atc(),
                    "00".repeat(8)));
            assertThat(refused.error().code()).isEqualTo(ErrorCode.CRYPTOGRAM_INVALID);
            servers.clock.advance(java.time.Duration.ofSeconds(90));
            assertThat(kiosk.get("/no/such/" + CREDIT.digits()).status()).isEqualTo(404);

            String credit = scrape(servers.creditUri());
            String purchases = "method=\"POST\",route=\"" + ApiPaths.PURCHASES + "\",server=\"credit\"";
            assertThat(value(credit, "valuekiosk_http_requests_seconds_count", purchases + ",status=\"200\"")).isEqualTo(2);
            assertThat(value(credit, "valuekiosk_http_requests_seconds_count",
                    purchases + ",status=\"" + ErrorCode.CRYPTOGRAM_INVALID.httpStatus() + "\"")).isEqualTo(1);
            assertThat(value(credit, "valuekiosk_http_errors_total",
                    "code=\"CRYPTOGRAM_INVALID\",route=\"" + ApiPaths.PURCHASES + "\",server=\"credit\"")).isEqualTo(1);
            assertThat(value(credit, "valuekiosk_http_errors_total",
                    "code=\"NOT_FOUND\",route=\"unmatched\",server=\"credit\"")).isEqualTo(1);
            assertThat(credit).as("latency histogram from 1 ms").contains("valuekiosk_http_requests_seconds_bucket{"
                    + purchases + ",status=\"200\",le=\"0.001\"}");
            assertThat(value(credit, "valuekiosk_http_requests_seconds_bucket", purchases + ",status=\"200\",le=\"+Inf\"")).isEqualTo(2);
            assertThat(value(credit, "valuekiosk_outbox_notices", "server=\"credit\",state=\"PENDING\"")).isEqualTo(1);
            assertThat(value(credit, "valuekiosk_outbox_notices", "server=\"credit\",state=\"FAILED\"")).isZero();
            assertThat(value(credit, "valuekiosk_outbox_oldest_undelivered_age_seconds", "")).isEqualTo(90);
            assertHikariAndJvm(credit, "credit");
            assertNoCardNumber(credit);
        }
    }

    @ParameterizedTest
    @EnumSource(value = Storage.class, names = "H2")
    void onlyRegisteredMonitorsMayReadTheMetrics(Storage storage) throws Exception {
        try (ServersFixture servers = new ServersFixture(pki, directory, storage)) {
            // A terminal's certificate, registered or not, has the wrong role.
            assertThat(servers.terminal(ServersFixture.STRANGER).get("/metrics").error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            assertThat(servers.emoneyServerOnCredit().get("/metrics").error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            // A kiosk's certificate reads no metrics: the e-money server's tell how every kiosk stands.
            assertThat(servers.terminal(KIOSK).get("/metrics").error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            assertThat(servers.terminalOnEmoney(KIOSK).get("/metrics").error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
            assertThat(servers.monitor(servers.creditUri()).get("/metrics").status()).isEqualTo(200);
            assertThat(servers.monitor(servers.emoneyUri()).get("/metrics").status()).isEqualTo(200);
            // A monitor may ask /health, and nothing that moves money.
            assertThat(servers.monitor(servers.creditUri()).get("/health").status()).isEqualTo(200);
            assertThat(servers.monitor(servers.creditUri()).post(ApiPaths.PURCHASES, purchase(CREDIT, PURSE.digits(), 2_000, 1, KIOSK))
                    .error().code()).isEqualTo(ErrorCode.FORBIDDEN_FOR_ROLE);
        }
    }

    private String scrape(URI server) throws Exception {
        SSLContext tls = TlsContexts.create(pki.monitorKeyStore(ServersFixture.MONITOR),
                pki.storePassword(), pki.trustStore());
        HttpClient client = HttpClient.newBuilder().sslContext(tls).build();
        HttpResponse<String> response = client.send(HttpRequest.newBuilder(server.resolve("/metrics")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("text/plain; version=0.0.4"));
        return response.body();
    }

    /** The value of the sample {@code name{labels...}}: {@code labels} is the start of its label list, in the exposition's order. */
    private static double value(String exposition, String name, String labels) {
        Pattern sample = Pattern.compile("^" + Pattern.quote(name) + "\\{" + Pattern.quote(labels) + "[^}]*} (\\S+)$",
                Pattern.MULTILINE);
        Matcher matcher = sample.matcher(exposition);
        assertThat(matcher.find()).as(name + "{" + labels + "…} in\n" + exposition).isTrue();
        return Double.parseDouble(matcher.group(1));
    }

    private static void assertHikariAndJvm(String exposition, String pool) {
        assertThat(exposition).contains("hikaricp_connections_max{pool=\"" + pool + "\"")
                .contains("hikaricp_connections_active{pool=\"" + pool + "\"")
                .contains("hikaricp_connections_pending{pool=\"" + pool + "\"")
                .contains("jvm_memory_used_bytes").contains("jvm_threads_live_threads").contains("process_uptime_seconds");
    }

    private static void assertNoCardNumber(String exposition) {
        for (CardNumber card : new CardNumber[] {CREDIT, PURSE}) {
            assertThat(exposition).doesNotContain(card.digits()).doesNotContain(card.digits().substring(card.digits().length() - 4) + "\"");
        }
        Matcher labels = Pattern.compile("\\{[^}]*}").matcher(exposition);
        while (labels.find()) {
            assertThat(labels.group()).as("no run of digits as long as a card number in a label").doesNotContainPattern("\\d{12,}");
        }
        assertThat(exposition.lines().filter(line -> line.startsWith("#")))
                .as("nor in help texts").noneMatch(line -> line.matches(".*\\d{12,}.*"));
    }
}
