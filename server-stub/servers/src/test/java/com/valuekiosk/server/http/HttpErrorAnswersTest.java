package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.pki.TlsContexts;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.RawHttps;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.stream.Stream;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Whatever refuses a request — Jetty's parser or our handler — the answer is our JSON error body,
 * repeats no card number, and the refusal is logged exactly once (masked).
 */
class HttpErrorAnswersTest {

    private static final String CARD = DemoCards.CREDIT_CARD.cardNumber().digits();

    @TempDir
    static Path directory;

    private static EmoneyFixture fixture;
    private static SSLContext kiosk;

    @BeforeAll
    static void start() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2);
        kiosk = TlsContexts.create(fixture.pki.terminalKeyStore(EmoneyFixture.KIOSK), fixture.pki.storePassword(),
                fixture.pki.trustStore());
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static Stream<Arguments> badRequests() {
        String end = " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n";
        return Stream.of(
                Arguments.of("bad request line", "GET /v1/" + CARD + " HTTP/1.1 " + CARD + "\r\nHost: localhost\r\n\r\n", 400),
                Arguments.of("ambiguous URI with a card number", "GET /v1//" + CARD + end, 400),
                Arguments.of("encoded separator with a card number", "GET /v1/%2F" + CARD + end, 400),
                Arguments.of("URI too long", "GET /v1/" + CARD + "/" + "a".repeat(20_000) + end, 414),
                Arguments.of("headers too large", "GET /v1/" + CARD + " HTTP/1.1\r\nHost: localhost\r\nX-Card: " + CARD
                        + "x".repeat(20_000) + "\r\n\r\n", 431),
                Arguments.of("unknown HTTP version", "GET /v1/" + CARD + " HTTP/1.7\r\nHost: localhost\r\n\r\n", 505),
                Arguments.of("a card number in a path that does not exist", "GET /v1/" + CARD + end, 404));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("badRequests")
    void everyRefusalIsOurJsonErrorMaskedAndLoggedOnce(String what, String request, int status) throws Exception {
        boolean refusedByJetty = status != 404;
        double refusedBefore = refusedCount(status);
        RawHttps.Answer answer;
        String logged;
        try (LogCapture log = new LogCapture()) {
            answer = RawHttps.exchange(kiosk, fixture.server.port(), request);
            logged = log.unmaskedText();
        }

        assertThat(answer.status()).as(answer.head()).isEqualTo(status);
        assertThat(answer.contentType()).isEqualTo("application/json; charset=utf-8");
        ErrorBody error = Json.mapper().readValue(answer.body(), ErrorBody.class);
        assertThat(error.code()).isNotNull();
        assertThat(error.message()).isNotBlank();
        assertThat(answer.body()).doesNotContain(CARD).doesNotContain("<");
        assertThat(answer.head()).doesNotContain(CARD);
        assertThat(logged).doesNotContain(CARD);
        assertThat(Arrays.stream(logged.split("\n")).filter(line -> line.contains("-> " + status))).hasSize(1);
        assertThat(refusedCount(status)).as("counted in valuekiosk_http_refused_total when Jetty refused it")
                .isEqualTo(refusedBefore + (refusedByJetty ? 1 : 0));
    }

    /** Requests the HTTP layer refused with {@code status}, from the server's own registry. */
    private static double refusedCount(int status) {
        io.micrometer.core.instrument.Counter counter = fixture.server.meters().find(JsonErrorHandler.REFUSED)
                .tag("status", Integer.toString(status)).counter();
        return counter == null ? 0 : counter.count();
    }
}
