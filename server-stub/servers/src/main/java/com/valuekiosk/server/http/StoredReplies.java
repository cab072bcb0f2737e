package com.valuekiosk.server.http;

import com.valuekiosk.server.db.AnswerFormat;
import com.valuekiosk.server.db.StoredAnswer;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.Json;
import java.io.IOException;

/**
 * Decisions stored as the replies they were answered with (status and JSON body, {@link
 * Reply#of(Outcome)}), so that a repeated request is answered as the first one was, byte for byte.
 */
public final class StoredReplies implements AnswerFormat {

    public static final StoredReplies INSTANCE = new StoredReplies();

    private StoredReplies() {
    }

    @Override
    public StoredAnswer store(Outcome<?> outcome) {
        Reply reply = Reply.of(outcome);
        return StoredAnswer.of(reply.status(), reply.json());
    }

    @Override
    public <T> Outcome<T> read(StoredAnswer stored, Class<T> type) {
        try {
            if (stored.status() == 200) {
                return Outcome.done(Json.mapper().readValue(stored.body(), type));
            }
            ErrorBody error = Json.mapper().readValue(stored.body(), ErrorBody.class);
            return Outcome.declined(error.code(), error.message());
        } catch (IOException | RuntimeException e) {
            throw new IllegalStateException("a stored answer (HTTP " + stored.status() + ") could not be read", e);
        }
    }
}
