package com.valuekiosk.server.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.server.testing.ApiClient;
import com.valuekiosk.server.testing.EmoneyFixture;
import com.valuekiosk.server.testing.LogCapture;
import com.valuekiosk.server.testing.Storage;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import java.net.http.HttpRequest;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Bad input of every kind answers 4xx with a JSON error naming the problem, echoes no card
 * number, and stores nothing. Runs against the e-money server; the credit company server shares
 * the handler and the JSON rules.
 */
class HostileInputTest {

    private static final String CARD = DemoCards.EMONEY_CARD.cardNumber().digits();

    @TempDir
    static Path directory;

    private static EmoneyFixture fixture;
    private static ApiClient points;

    @BeforeAll
    static void start() throws Exception {
        fixture = new EmoneyFixture(directory, Storage.H2);
        points = fixture.pointsSystem();
    }

    @AfterAll
    static void stop() throws Exception {
        fixture.close();
    }

    static Stream<Arguments> hostileBodies() {
        String id = UUID.randomUUID().toString();
        String valid = "\"requestId\":\"" + id + "\",\"emoneyCardNumber\":\"" + CARD + "\",\"creditCardNumber\":null,\"currency\":\"JPY\",\"source\":\"POINTS\"";
        return Stream.of(
                Arguments.of("broken JSON", "{\"requestId\":", ErrorCode.MALFORMED_JSON, "not valid JSON"),
                Arguments.of("empty body", "", ErrorCode.MALFORMED_JSON, "empty"),
                Arguments.of("JSON null", "null", ErrorCode.MALFORMED_JSON, "null"),
                Arguments.of("an array", "[1,2]", ErrorCode.INVALID_REQUEST, "JSON object"),
                Arguments.of("trailing garbage", "{" + valid + ",\"amount\":100} {}", ErrorCode.MALFORMED_JSON, "something follows"),
                Arguments.of("unknown field", "{" + valid + ",\"amount\":100,\"bonus\":5}", ErrorCode.INVALID_REQUEST, "unknown field 'bonus'"),
                Arguments.of("missing amount", "{" + valid + "}", ErrorCode.INVALID_REQUEST, "'amount'"),
                Arguments.of("amount as a string", "{" + valid + ",\"amount\":\"100\"}", ErrorCode.INVALID_REQUEST, "'amount'"),
                Arguments.of("amount with a fraction", "{" + valid + ",\"amount\":100.5}", ErrorCode.INVALID_REQUEST, "'amount'"),
                Arguments.of("zero amount", "{" + valid + ",\"amount\":0}", ErrorCode.INVALID_REQUEST, "amount must be 1.."),
                Arguments.of("negative amount", "{" + valid + ",\"amount\":-100}", ErrorCode.INVALID_REQUEST, "amount must be 1.."),
                Arguments.of("absurd amount", "{" + valid + ",\"amount\":99999999999999}", ErrorCode.INVALID_REQUEST, "amount must be 1.."),
                Arguments.of("amount beyond long", "{" + valid + ",\"amount\":99999999999999999999999}", ErrorCode.INVALID_REQUEST, "'amount' is out of range"),
                Arguments.of("card number too short", "{\"requestId\":\"" + id + "\",\"emoneyCardNumber\":\"123\",\"creditCardNumber\":null,"
                        + "\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100}", ErrorCode.INVALID_REQUEST, "16 digits"),
                Arguments.of("card number as a number", "{\"requestId\":\"" + id + "\",\"emoneyCardNumber\":" + CARD + ",\"creditCardNumber\":null,"
                        + "\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100}", ErrorCode.INVALID_REQUEST, "'emoneyCardNumber'"),
                Arguments.of("unknown source", "{\"requestId\":\"" + id + "\",\"emoneyCardNumber\":\"" + CARD + "\",\"creditCardNumber\":null,"
                        + "\"currency\":\"JPY\",\"source\":\"FREE\",\"amount\":100}", ErrorCode.INVALID_REQUEST, "'source'"),
                Arguments.of("request id not a UUID", "{\"requestId\":\"x\",\"emoneyCardNumber\":\"" + CARD + "\",\"creditCardNumber\":null,"
                        + "\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100}", ErrorCode.INVALID_REQUEST, "'requestId'"),
                Arguments.of("deep nesting", "{\"a\":" + "[".repeat(5_000) + "]".repeat(5_000) + "}", ErrorCode.MALFORMED_JSON, "not valid JSON"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("hostileBodies")
    void hostileBodiesAreRefusedWithASpecificErrorAndStoreNothing(String what, String body, ErrorCode code, String message) {
        try (LogCapture log = new LogCapture()) {
            ApiClient.Response response = points.postRaw(ApiPaths.PREPARATIONS, body);

            assertThat(response.status()).isEqualTo(code.httpStatus());
            assertThat(response.error().code()).isEqualTo(code);
            assertThat(response.error().message()).contains(message).doesNotContain(CARD);
            assertThat(log.unmaskedText()).doesNotContain(CARD);
        }
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
        assertThat(count("SELECT COUNT(*) FROM idempotent_requests")).isZero();
    }

    @Test
    void aTenMegabyteBodyIsRefusedAsTooLarge() {
        String huge = "{\"pad\":\"" + "x".repeat(10 * 1024 * 1024) + "\"}";
        ApiClient.Response response = points.postRaw(ApiPaths.PREPARATIONS, huge);
        assertThat(response.status()).isEqualTo(413);
        assertThat(response.error().code()).isEqualTo(ErrorCode.BODY_TOO_LARGE);
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    @Test
    void aBodyThatIsNotJsonByContentTypeIsRefused() {
        ApiClient.Response response = points.send(HttpRequest.newBuilder(points.base().resolve(ApiPaths.PREPARATIONS))
                .header("Content-Type", "text/plain").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
        assertThat(response.status()).isEqualTo(415);
        assertThat(response.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
    }

    @Test
    void unknownPathsAndMethodsAnswerJsonErrors() {
        ApiClient.Response unknown = points.get("/v1/nothing-here");
        assertThat(unknown.status()).isEqualTo(404);
        assertThat(unknown.error().code()).isEqualTo(ErrorCode.NOT_FOUND);
        ApiClient.Response method = points.get(ApiPaths.PREPARATIONS);
        assertThat(method.status()).isEqualTo(405);
        assertThat(method.error().code()).isEqualTo(ErrorCode.METHOD_NOT_ALLOWED);
    }

    private static long count(String sql) {
        return fixture.server.database().inTransaction(connection -> {
            try (ResultSet row = connection.createStatement().executeQuery(sql)) {
                row.next();
                return row.getLong(1);
            }
        });
    }
}
