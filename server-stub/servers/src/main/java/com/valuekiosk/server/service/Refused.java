package com.valuekiosk.server.service;

import com.valuekiosk.wire.ErrorCode;

/**
 * A request a service would not decide: unknown charge, wrong password, a card state to settle
 * first, a request id used for something else. Nothing of it is stored, and the transaction it
 * interrupts is rolled back: the request may be corrected and sent again with the same id. Compare
 * {@link Outcome.Declined}, a decision that is stored.
 */
public final class Refused extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final ErrorCode code;

    public Refused(ErrorCode code, String message) {
        super(message, null, false, false);
        this.code = code;
    }

    public ErrorCode code() {
        return code;
    }
}
