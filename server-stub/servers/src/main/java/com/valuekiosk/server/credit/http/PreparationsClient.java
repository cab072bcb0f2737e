package com.valuekiosk.server.credit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.server.credit.EmoneyNotifier.State;
import com.valuekiosk.server.http.HttpsJsonClient;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.net.URI;
import java.time.Duration;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * The credit company server as a client of the e-money server's {@code POST /v1/preparations}: sends
 * one notice and says what the answer means for it.
 * <ul>
 *   <li>2xx: DELIVERED.</li>
 *   <li>4xx with a code that the same notice will always get again (the e-money server stores its
 *       decisions under the request id; malformed input stays malformed): FAILED.</li>
 *   <li>Anything else — no connection, a timeout, 5xx, or a 4xx that configuration can cure (the
 *       credit server not registered on the e-money side, a wrong path): PENDING, to retry.</li>
 * </ul>
 *
 * <p>One {@link HttpsJsonClient} (Jetty's), shared by the threads that send (a few delivery
 * threads and the background job). It replaced a JDK client per sending thread (one shared JDK
 * client serialised its callers on a lock), which took about a tenth of the credit server's CPU in
 * the benchmark.
 */
public final class PreparationsClient implements AutoCloseable {

    /** E-money answers that do not change when the same notice is sent again. */
    private static final Set<ErrorCode> FINAL = Set.of(ErrorCode.CARD_UNKNOWN, ErrorCode.EMONEY_CARD_NOT_MAPPED,
            ErrorCode.CURRENCY_NOT_SUPPORTED, ErrorCode.REQUEST_ID_REUSED, ErrorCode.INVALID_REQUEST,
            ErrorCode.MALFORMED_JSON, ErrorCode.BODY_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE);

    /**
     * What one send came to. {@code unreachable}: no answer at all (no connection, timeout), as
     * opposed to an error answer.
     */
    public record Result(State state, String error, boolean unreachable) {
    }

    private final URI preparations;
    private final HttpsJsonClient http;

    public PreparationsClient(URI emoneyServer, SSLContext tls, Duration connectTimeout) {
        this.preparations = emoneyServer.resolve(ApiPaths.PREPARATIONS);
        this.http = new HttpsJsonClient("credit-notice-client", tls, connectTimeout);
    }

    /** Posts {@code payload} (a {@code PreparationNotice} as JSON), waiting at most {@code timeout}. */
    public Result send(String payload, Duration timeout) {
        HttpsJsonClient.Answer answer;
        try {
            answer = http.post(preparations, payload, timeout);
        } catch (HttpsJsonClient.Unreachable e) {
            return new Result(State.PENDING, e.timedOut() ? e.getMessage() : "not reachable: " + e.getMessage(), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(State.PENDING, "interrupted", true);
        }
        int status = answer.status();
        if (status >= 200 && status < 300) {
            return new Result(State.DELIVERED, null, false);
        }
        ErrorCode code = errorCode(answer.body());
        String error = "HTTP " + status + (code == null ? "" : " " + code);
        boolean forGood = status >= 400 && status < 500 && code != null && FINAL.contains(code);
        return new Result(forGood ? State.FAILED : State.PENDING, error, false);
    }

    @Override
    public void close() {
        http.close();
    }

    private static ErrorCode errorCode(String body) {
        try {
            return Json.mapper().readValue(body, ErrorBody.class).code();
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
