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
import org.junit.jupiter.params.provider.ValueSource;

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
    void anUnknownFieldNameIsCutAndEscapedInTheAnswer() {
        String valid = "\"requestId\":\"" + UUID.randomUUID() + "\",\"emoneyCardNumber\":\"" + CARD
                + "\",\"creditCardNumber\":null,\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100";
        ApiClient.Response huge = points.postRaw(ApiPaths.PREPARATIONS, "{" + valid + ",\"" + "n".repeat(40_000) + "\":1}");
        assertThat(huge.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(huge.error().message()).startsWith("unknown field 'nnnn");
        assertThat(huge.body().length()).isLessThan(200);

        ApiClient.Response markup = points.postRaw(ApiPaths.PREPARATIONS,
                "{" + valid + ",\"<script>alert('" + CARD + "')</script>\":1}");
        assertThat(markup.error().code()).isEqualTo(ErrorCode.INVALID_REQUEST);
        assertThat(markup.error().message()).startsWith("unknown field '\\u003cscript\\u003e")
                .doesNotContain("<").doesNotContain(">").doesNotContain(CARD).doesNotContain(CARD.substring(0, 12));
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    @ParameterizedTest(name = "duplicate {0}")
    @ValueSource(strings = {"requestId", "currency", "amount"})
    void aKeyThatAppearsTwiceIsRefusedWhereverItIs(String field) {
        String duplicate = field.equals("amount") ? "\"amount\":100" : field.equals("currency") ? "\"currency\":\"JPY\""
                : "\"requestId\":\"" + UUID.randomUUID() + "\"";
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"emoneyCardNumber\":\"" + CARD
                + "\",\"creditCardNumber\":null,\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100," + duplicate + "}";
        ApiClient.Response response = points.postRaw(ApiPaths.PREPARATIONS, body);
        assertThat(response.status()).isEqualTo(400);
        assertThat(response.error().code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(response.error().message()).contains("appears twice");
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    @Test
    void aBodyInAnotherEncodingThanUtf8IsRefused() {
        String body = "{\"requestId\":\"" + UUID.randomUUID() + "\",\"emoneyCardNumber\":\"" + CARD
                + "\",\"creditCardNumber\":null,\"currency\":\"JPY\",\"source\":\"POINTS\",\"amount\":100}";
        for (java.nio.charset.Charset utf16 : java.util.List.of(java.nio.charset.StandardCharsets.UTF_16,
                java.nio.charset.StandardCharsets.UTF_16LE, java.nio.charset.StandardCharsets.UTF_16BE)) {
            ApiClient.Response response = sendBytes("application/json", body.getBytes(utf16));
            assertThat(response.status()).as(utf16.name()).isEqualTo(400);
            assertThat(response.error().code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        }
        ApiClient.Response declared = sendBytes("application/json; charset=UTF-16",
                body.getBytes(java.nio.charset.StandardCharsets.UTF_16));
        assertThat(declared.status()).isEqualTo(415);
        assertThat(declared.error().code()).isEqualTo(ErrorCode.UNSUPPORTED_MEDIA_TYPE);
        ApiClient.Response invalid = sendBytes("application/json", latin1(body));
        assertThat(invalid.status()).isEqualTo(400);
        assertThat(invalid.error().code()).isEqualTo(ErrorCode.MALFORMED_JSON);
        assertThat(invalid.error().message()).contains("UTF-8");
        assertThat(count("SELECT COUNT(*) FROM preparations")).isZero();
    }

    /** The body in ISO-8859-1 with an é in a string: one byte 0xE9, which is not UTF-8. */
    private static byte[] latin1(String body) {
        return body.replace("\"JPY\"", "\"JP\u00e9\"").getBytes(java.nio.charset.StandardCharsets.ISO_8859_1);
    }

    private static ApiClient.Response sendBytes(String contentType, byte[] body) {
        return points.send(HttpRequest.newBuilder(points.base().resolve(ApiPaths.PREPARATIONS))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body)).build());
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
