package com.valuekiosk.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.nio.charset.StandardCharsets;

/**
 * An HTTP status and a body, already serialised — JSON for every API answer, text only for the
 * metrics. The one place where results and error codes become status codes and bodies:
 * {@link #of(Outcome)} for decisions, {@link #error} for refusals. {@code errorCode} is the code
 * of an error answer (null for a success), kept for the request metrics.
 */
public record Reply(int status, byte[] json, String contentType, ErrorCode errorCode) {

    public static final String JSON = "application/json; charset=utf-8";

    /** A JSON answer that is not an error. */
    public Reply(int status, byte[] json) {
        this(status, json, JSON, null);
    }

    /** 200 with a text body of the given content type (the Prometheus exposition). */
    public static Reply text(String body, String contentType) {
        return new Reply(200, body.getBytes(StandardCharsets.UTF_8), contentType, null);
    }

    public static Reply ok(Object body) {
        return of(200, body);
    }

    /** A decision: 200 with the result, or the declined code's status with an {@link ErrorBody}. */
    public static Reply of(Outcome<?> outcome) {
        if (outcome instanceof Outcome.Done<?> done) {
            return ok(done.value());
        }
        Outcome.Declined<?> declined = (Outcome.Declined<?>) outcome;
        return error(declined.code(), declined.message());
    }

    /** Error bodies pass through {@link CardNumber#maskAll}: no message may carry a card number. */
    public static Reply error(ErrorCode code, String message) {
        Reply reply = of(code.httpStatus(), errorBody(code, message));
        return new Reply(reply.status(), reply.json(), JSON, code);
    }

    /** The body of an error answer, its message through {@link CardNumber#maskAll}; also a batch item's error. */
    public static ErrorBody errorBody(ErrorCode code, String message) {
        return new ErrorBody(code, CardNumber.maskAll(message));
    }

    private static Reply of(int status, Object body) {
        try {
            return new Reply(status, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response record could not be serialised", e);
        }
    }

    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
