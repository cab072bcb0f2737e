package com.valuekiosk.kiosk.client;

import static com.valuekiosk.kiosk.client.TestClients.SETTINGS;
import static com.valuekiosk.kiosk.client.TestClients.KIOSK;
import static com.valuekiosk.kiosk.client.TestClients.purchase;
import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.nio.file.Path;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * How answers the real servers give only in trouble are classified and which are retried, against
 * a scripted HTTPS server: retries always send the same bytes (same request id).
 */
class RetryPolicyTest {

    private static Path pki;

    private ScriptedHttpsServer server;
    private final RecordingSleeper sleeper = new RecordingSleeper();
    private CreditCompanyClient client;

    @TempDir
    static Path directory;

    /** The scripted server shows this PKI's e-money server certificate. */
    @BeforeAll
    static void pki() throws Exception {
        pki = TestServers.createPki(directory.resolve("pki"), KIOSK);
    }

    @BeforeEach
    void start() throws Exception {
        server = new ScriptedHttpsServer(pki);
        client = new CreditCompanyClient(server.uri(), TestServers.terminalTls(pki, pki, KIOSK), SETTINGS, sleeper);
    }

    @AfterEach
    void stop() throws Exception {
        client.close();
        server.close();
    }

    @Test
    void serverErrorsAreRetriedWithTheSameBytesThenUnknown() {
        server.answer(500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"boom\"}")
                .answer(503, "")
                .answer(502, "<html>bad gateway</html>");

        Outcome<ValuePurchaseResponse> outcome = client.purchase(purchase(1_000, 1));

        assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason()).contains("HTTP 502").contains("after 3 attempts");
        assertThat(sleeper.waits()).isEqualTo(TestClients.BACKOFF);
        List<byte[]> sent = server.requests();
        assertThat(sent).hasSize(3);
        assertThat(sent.get(1)).isEqualTo(sent.get(0));
        assertThat(sent.get(2)).isEqualTo(sent.get(0));
    }

    @Test
    void aServerErrorFollowedByTheAnswerIsASuccess() throws Exception {
        ValuePurchaseRequest request = purchase(1_000, 1);
        server.answer(500, "{\"code\":\"INTERNAL_ERROR\",\"message\":\"retry me\"}")
                .answer(200, approval(request.requestId()));

        Outcome<ValuePurchaseResponse> outcome = client.purchase(request);

        assertThat(outcome).isInstanceOf(Outcome.Success.class);
        assertThat(sleeper.waits()).containsExactly(TestClients.BACKOFF.get(0));
        assertThat(server.requests()).hasSize(2);
        assertThat(Json.mapper().readValue(server.requests().get(1), ValuePurchaseRequest.class)).isEqualTo(request);
    }

    @Test
    void aClientErrorWithOurErrorBodyIsRefusedAndNotRetried() {
        server.answer(409, "{\"code\":\"ATC_REPLAYED\",\"message\":\"this cryptogram was already used\"}");

        Outcome<ValuePurchaseResponse> outcome = client.purchase(purchase(1_000, 1));

        assertThat(outcome).isEqualTo(new Outcome.Refused<ValuePurchaseResponse>(409,
                new com.valuekiosk.wire.ErrorBody(ErrorCode.ATC_REPLAYED, "this cryptogram was already used")));
        String seen = outcome.fold(approval -> "approved", refused -> refused.code().name(), unknown -> "unknown");
        assertThat(seen).isEqualTo("ATC_REPLAYED");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void aClientErrorWithoutOurErrorBodyIsUnknownAndNotRetried() {
        server.answer(404, "<html>not here</html>");

        Outcome<ValuePurchaseResponse> outcome = client.purchase(purchase(1_000, 1));

        assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason()).contains("HTTP 404 without an error body");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anUnreadableSuccessIsUnknownNotRetriedAndDoesNotQuoteTheBody() {
        server.answer(200, "{\"purchaseId\":\"4999990000000013\"}");

        Outcome<ValuePurchaseResponse> outcome = client.purchase(purchase(1_000, 1));

        assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason()).startsWith("unreadable HTTP 200 answer")
                .doesNotContain("4999990000000013");
        assertThat(server.requests()).hasSize(1);
        assertThat(sleeper.waits()).isEmpty();
    }

    @Test
    void anApprovalOfAnotherRequestIsUnknown() throws Exception {
        server.answer(200, approval(UUID.randomUUID()));

        Outcome<ValuePurchaseResponse> outcome = client.purchase(purchase(1_000, 1));

        assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
        assertThat(((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason()).contains("does not match the request");
    }

    @Test
    void aServerThatNeverAnswersTimesOutWithinTheConfiguredTimeouts() throws Exception {
        ClientSettings impatient = new ClientSettings(Duration.ofMillis(500), Duration.ofMillis(300), Duration.ofMillis(300),
                Duration.ofSeconds(2), List.of(Duration.ZERO));
        try (ServerSocket silent = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
             CreditCompanyClient patient = new CreditCompanyClient(URI.create("https://127.0.0.1:" + silent.getLocalPort()),
                     TestServers.terminalTls(pki, pki, KIOSK), impatient, sleeper)) {
            Thread holder = new Thread(() -> hold(silent), "silent-server");
            holder.setDaemon(true);
            holder.start();
            long started = System.nanoTime();

            Outcome<ValuePurchaseResponse> outcome = patient.purchase(purchase(1_000, 1));

            assertThat(outcome).isInstanceOf(Outcome.Unknown.class);
            assertThat(((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason()).contains("timed out").contains("after 2 attempts");
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isLessThan(Duration.ofSeconds(5));
            assertThat(sleeper.waits()).containsExactly(Duration.ZERO);
        }
    }

    @Test
    void settingsRejectMissingTimeoutsAndUnboundedRetries() {
        ClientSettings defaults = ClientSettings.defaults();
        assertThat(defaults.connectTimeout()).isEqualTo(Duration.ofSeconds(5));
        assertThat(defaults.readTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.writeTimeout()).isEqualTo(Duration.ofSeconds(10));
        assertThat(defaults.callTimeout()).isEqualTo(Duration.ofSeconds(20));
        assertThat(defaults.retryBackoff()).containsExactly(Duration.ofMillis(200), Duration.ofMillis(800));
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> defaults.withTimeouts(Duration.ZERO, Duration.ofSeconds(1),
                Duration.ofSeconds(1), Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> defaults.withRetryBackoff(
                java.util.Collections.nCopies(11, Duration.ZERO))).isInstanceOf(IllegalArgumentException.class);
    }

    /** Accepts connections and reads, never answers. */
    private static void hold(ServerSocket silent) {
        while (!silent.isClosed()) {
            try {
                Socket socket = silent.accept();
                Thread reader = new Thread(() -> {
                    try (socket; InputStream in = socket.getInputStream()) {
                        in.transferTo(java.io.OutputStream.nullOutputStream());
                    } catch (IOException ignored) {
                        // client gave up
                    }
                });
                reader.setDaemon(true);
                reader.start();
            } catch (IOException e) {
                return;
            }
        }
    }

    private static String approval(UUID requestId) throws Exception {
        return Json.mapper().writeValueAsString(new ValuePurchaseResponse(UUID.randomUUID(), requestId, 1_000, "JPY",
                "****0013", "****0017", KIOSK, Instant.parse("2026-11-24T10:00:00Z"),
                ValuePurchaseResponse.Notification.DELIVERED));
    }
}
