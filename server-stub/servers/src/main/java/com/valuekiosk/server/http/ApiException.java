package com.valuekiosk.server.http;

import com.valuekiosk.wire.ErrorCode;

/**
 * A request the HTTP layer refuses before any service sees it (no such path, wrong method or role,
 * unregistered client, unreadable body), with its stable code. Nothing is stored; the request may
 * be corrected and sent again.
 */
public final class ApiException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    private ApiException(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    /** Refused; the request may be corrected and sent again. */
    public static ApiException refused(ErrorCode code, String message) {
        return new ApiException(code, message);
    }

    public ErrorCode code() {
        return code;
    }
}
