package com.valuekiosk.kiosk.client;

import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import java.util.Objects;
import java.util.function.Function;

/**
 * What a call to a server came to. Exactly one of:
 * <ul>
 *   <li>{@link Success}: the server answered 2xx with a readable body;</li>
 *   <li>{@link Refused}: the server answered a 4xx with its JSON error: a definite "no", nothing
 *       took effect beyond what the code says (a wrong password is counted, for instance);</li>
 *   <li>{@link Unknown}: no answer to trust (no connection, timeout, TLS failure, 5xx, unreadable
 *       body). The request may or may not have taken effect: repeat it with the same request id.</li>
 * </ul>
 * Java 17 has no pattern {@code switch}: use {@code instanceof} patterns or {@link #fold}.
 */
public sealed interface Outcome<T> permits Outcome.Success, Outcome.Refused, Outcome.Unknown {

    /** The server's answer. */
    record Success<T>(T value) implements Outcome<T> {
        public Success {
            Objects.requireNonNull(value, "value");
        }
    }

    /** The server said no, with a stable {@link ErrorCode}. */
    record Refused<T>(int httpStatus, ErrorBody error) implements Outcome<T> {
        public Refused {
            Objects.requireNonNull(error, "error");
            Objects.requireNonNull(error.code(), "error.code");
        }

        public ErrorCode code() {
            return error.code();
        }
    }

    /** No answer we can trust; {@code reason} is for logs and technicians, never for customers. */
    record Unknown<T>(String reason) implements Outcome<T> {
        public Unknown {
            Objects.requireNonNull(reason, "reason");
        }
    }

    /** One function per case; the one matching this outcome is applied. */
    default <R> R fold(Function<? super T, ? extends R> success, Function<? super Refused<T>, ? extends R> refused,
                       Function<? super Unknown<T>, ? extends R> unknown) {
        if (this instanceof Success<T> s) {
            return success.apply(s.value());
        }
        if (this instanceof Refused<T> r) {
            return refused.apply(r);
        }
        return unknown.apply((Unknown<T>) this);
    }
}
