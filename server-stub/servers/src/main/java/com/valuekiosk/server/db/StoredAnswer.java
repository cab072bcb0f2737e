package com.valuekiosk.server.db;

import java.nio.charset.StandardCharsets;

/**
 * An answer as {@link Idempotency} keeps it ({@code idempotent_requests.status} and {@code response}):
 * opaque here; the {@link AnswerFormat} that wrote it reads it back.
 */
public record StoredAnswer(int status, String body) {

    public static StoredAnswer of(int status, byte[] body) {
        return new StoredAnswer(status, new String(body, StandardCharsets.UTF_8));
    }
}
