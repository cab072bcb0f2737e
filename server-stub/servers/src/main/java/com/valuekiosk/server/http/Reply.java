package com.valuekiosk.server.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.Json;
import java.nio.charset.StandardCharsets;

/** An HTTP status and a JSON body, already serialised so that a stored answer replays byte for byte. */
public record Reply(int status, byte[] json) {

    public static Reply ok(Object body) {
        return of(200, body);
    }

    public static Reply of(int status, Object body) {
        try {
            return new Reply(status, Json.mapper().writeValueAsBytes(body));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a response record could not be serialised", e);
        }
    }

    /** Error bodies pass through {@link CardNumber#maskAll}: no message may carry a card number. */
    public static Reply error(ApiException e) {
        return of(e.code().httpStatus(), new ErrorBody(e.code(), CardNumber.maskAll(e.getMessage())));
    }

    public String text() {
        return new String(json, StandardCharsets.UTF_8);
    }
}
