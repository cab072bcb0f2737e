package com.valuekiosk.server.db;

import com.valuekiosk.server.service.Outcome;

/**
 * How a decision is written into the request-id table and read back. The HTTP layer provides it, so
 * that a stored answer is the very answer the client got; storage only keeps it. Reading back what
 * was stored and storing it again gives the same {@link StoredAnswer}.
 */
public interface AnswerFormat {

    StoredAnswer store(Outcome<?> outcome);

    /** {@code type}: the result type of a {@link Outcome.Done} stored by the same endpoint. */
    <T> Outcome<T> read(StoredAnswer stored, Class<T> type);
}
