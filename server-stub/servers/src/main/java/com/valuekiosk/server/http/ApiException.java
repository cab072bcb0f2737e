package com.valuekiosk.server.http;

import com.valuekiosk.wire.ErrorCode;

/**
 * An answer other than success, with its stable code. A <em>decision</em> (quota exceeded,
 * cryptogram invalid) is final for its request id: it is stored and a retry with the same id gets
 * the same answer. Anything else (malformed input, a conflict worth retrying) is not stored.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;
    private final boolean decision;

    private ApiException(ErrorCode code, String message, boolean decision) {
        super(message, null, false, false);
        this.code = code;
        this.decision = decision;
    }

    /** Refused; the request may be corrected and sent again. */
    public static ApiException refused(ErrorCode code, String message) {
        return new ApiException(code, message, false);
    }

    /** A business decision on a well-formed request: recorded under its request id. */
    public static ApiException decision(ErrorCode code, String message) {
        return new ApiException(code, message, true);
    }

    public ErrorCode code() {
        return code;
    }

    public boolean isDecision() {
        return decision;
    }
}
