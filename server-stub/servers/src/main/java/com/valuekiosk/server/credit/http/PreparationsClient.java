package com.valuekiosk.server.credit.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.server.credit.EmoneyNotifier.State;
import com.valuekiosk.server.http.HttpsJsonClient;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.PreparationBatchAnswer;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;
import java.util.UUID;
import javax.net.ssl.SSLContext;

/**
 * The credit company server as a client of the e-money server's {@code POST /v1/preparations} and
 * {@code POST /v1/preparations/batches}: sends notices and says what the answer means for each.
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

    private static final Result INTERRUPTED = new Result(State.PENDING, "interrupted", true);

    /** One notice to send: its request id (the purchase id) and its JSON. */
    public record Notice(UUID requestId, String payload) {
    }

    private final URI preparations;
    private final URI batches;
    private final HttpsJsonClient http;

    public PreparationsClient(URI emoneyServer, SSLContext tls, Duration connectTimeout) {
        this.preparations = emoneyServer.resolve(ApiPaths.PREPARATIONS);
        this.batches = emoneyServer.resolve(ApiPaths.PREPARATION_BATCHES);
        this.http = new HttpsJsonClient("credit-notice-client", tls, connectTimeout);
    }

    /** Posts {@code payload} (a {@code PreparationNotice} as JSON), waiting at most {@code timeout}. */
    public Result send(String payload, Duration timeout) {
        HttpsJsonClient.Answer answer;
        try {
            answer = http.post(preparations, payload, timeout);
        } catch (HttpsJsonClient.Unreachable e) {
            return unreachable(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return INTERRUPTED;
        }
        return result(answer.status(), answer.body());
    }

    /**
     * Sends several notices, one result each in their order: one notice alone as {@link #send}
     * does, more in one {@code POST /v1/preparations/batches}. When the e-money server refuses the
     * batch as a whole with a 4xx (a server without that endpoint answers 404; one notice it finds
     * invalid spoils the batch's body), each notice is sent alone, so that each gets its own answer.
     */
    public List<Result> sendAll(List<Notice> notices, Duration timeout) {
        if (notices.size() == 1) {
            return List.of(send(notices.get(0).payload(), timeout));
        }
        StringJoiner body = new StringJoiner(",", "{\"notices\":[", "]}");
        notices.forEach(notice -> body.add(notice.payload()));
        HttpsJsonClient.Answer answer;
        try {
            answer = http.post(batches, body.toString(), timeout);
        } catch (HttpsJsonClient.Unreachable e) {
            return Collections.nCopies(notices.size(), unreachable(e));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Collections.nCopies(notices.size(), INTERRUPTED);
        }
        int status = answer.status();
        if (status == 200) {
            return results(notices, answer.body());
        }
        if (status >= 400 && status < 500) {
            List<Result> alone = new ArrayList<>(notices.size());
            for (Notice notice : notices) {
                alone.add(send(notice.payload(), timeout));
            }
            return alone;
        }
        return Collections.nCopies(notices.size(), result(status, answer.body()));
    }

    /** Each notice's result from a batch answer; a notice the answer leaves out stays PENDING. */
    private static List<Result> results(List<Notice> notices, String body) {
        Map<UUID, PreparationBatchAnswer.Result> byId = new HashMap<>();
        try {
            Json.mapper().readValue(body, PreparationBatchAnswer.class).results()
                    .forEach(result -> byId.put(result.requestId(), result));
        } catch (JsonProcessingException | RuntimeException e) {
            return Collections.nCopies(notices.size(), new Result(State.PENDING, "unreadable batch answer", false));
        }
        List<Result> results = new ArrayList<>(notices.size());
        for (Notice notice : notices) {
            PreparationBatchAnswer.Result answered = byId.get(notice.requestId());
            results.add(answered == null ? new Result(State.PENDING, "not in the batch answer", false)
                    : classify(answered.status(), answered.error() == null ? null : answered.error().code()));
        }
        return results;
    }

    private static Result result(int status, String body) {
        return classify(status, status >= 200 && status < 300 ? null : errorCode(body));
    }

    private static Result classify(int status, ErrorCode code) {
        if (status >= 200 && status < 300) {
            return new Result(State.DELIVERED, null, false);
        }
        String error = "HTTP " + status + (code == null ? "" : " " + code);
        boolean forGood = status >= 400 && status < 500 && code != null && FINAL.contains(code);
        return new Result(forGood ? State.FAILED : State.PENDING, error, false);
    }

    private static Result unreachable(HttpsJsonClient.Unreachable e) {
        return new Result(State.PENDING, e.timedOut() ? e.getMessage() : "not reachable: " + e.getMessage(), true);
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
