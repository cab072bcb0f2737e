package com.valuekiosk.wire;

import java.util.List;
import java.util.UUID;

/**
 * The e-money server's answer to a {@link PreparationBatch}: one result per notice, in the batch's
 * order. Each result is what {@link ApiPaths#PREPARATIONS} would have answered for that notice
 * alone: its HTTP status, and the {@link PreparationAck} (2xx) or the {@link ErrorBody} (otherwise).
 */
public record PreparationBatchAnswer(List<Result> results) {

    public PreparationBatchAnswer {
        if (results == null) {
            throw new IllegalArgumentException("results must be a list of results");
        }
        results = List.copyOf(results); // throws on a null result
    }

    /** One notice's answer. Exactly one of {@code ack} and {@code error} is given. */
    public record Result(UUID requestId, int status, PreparationAck ack, ErrorBody error) {

        public Result {
            Fields.requestId(requestId);
            if (status < 200 || status > 599) {
                throw new IllegalArgumentException("status must be an HTTP status");
            }
            if ((ack == null) == (error == null)) {
                throw new IllegalArgumentException("exactly one of ack and error is required");
            }
        }
    }
}
