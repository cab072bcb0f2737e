package com.valuekiosk.server.service;

import com.valuekiosk.wire.ErrorCode;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a service decided about a well-formed request: {@link Done} with its result, or
 * {@link Declined} with a stable code (quota exceeded, cryptogram invalid…). Both are decisions: final
 * for their request id, stored under it and answered again to a repeat. A request that is not
 * decided at all (malformed, a conflict worth retrying) is {@link Refused} instead, and nothing of
 * it is kept.
 *
 * @param <T> the result of a request that went through
 */
public sealed interface Outcome<T> permits Outcome.Done, Outcome.Declined {

    static <T> Outcome<T> done(T value) {
        return new Done<>(value);
    }

    static <T> Outcome<T> declined(ErrorCode code, String message) {
        return new Declined<>(code, message);
    }

    /** The result, changed by {@code change} when there is one; a decline stays as it is. */
    default Outcome<T> map(Function<T, T> change) {
        return this instanceof Done<T> done ? new Done<>(change.apply(done.value())) : this;
    }

    /** The request went through. */
    record Done<T>(T value) implements Outcome<T> {

        public Done {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The request was decided against. The message is for people and never quotes a submitted value. */
    record Declined<T>(ErrorCode code, String message) implements Outcome<T> {

        public Declined {
            Objects.requireNonNull(code, "code");
            Objects.requireNonNull(message, "message");
        }
    }
}
