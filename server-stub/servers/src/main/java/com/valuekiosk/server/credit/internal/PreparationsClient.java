package com.valuekiosk.server.credit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.server.credit.EmoneyNotifier.State;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
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
 * <p>Each thread that sends has a JDK {@link HttpClient} of its own (with its own keep-alive
 * connection): one client shared by all threads serialised them on its internal lock. The server
 * sends from a few delivery threads and its background job, so it holds a few clients.
 */
public final class PreparationsClient {

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
    private final ThreadLocal<HttpClient> http;

    public PreparationsClient(URI emoneyServer, SSLContext tls, Duration connectTimeout) {
        this.preparations = emoneyServer.resolve(ApiPaths.PREPARATIONS);
        this.http = ThreadLocal.withInitial(() -> HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build());
    }

    /** Posts {@code payload} (a {@code PreparationNotice} as JSON), waiting at most {@code timeout}. */
    public Result send(String payload, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(preparations)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response;
        try {
            response = http.get().send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Result(State.PENDING, "timed out after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            return new Result(State.PENDING, "not reachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Result(State.PENDING, "interrupted", true);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Result(State.DELIVERED, null, false);
        }
        ErrorCode code = errorCode(response.body());
        String error = "HTTP " + status + (code == null ? "" : " " + code);
        boolean forGood = status >= 400 && status < 500 && code != null && FINAL.contains(code);
        return new Result(forGood ? State.FAILED : State.PENDING, error, false);
    }

    private static ErrorCode errorCode(String body) {
        try {
            return Json.mapper().readValue(body, ErrorBody.class).code();
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }
}
