package com.valuekiosk.wire;

/**
 * Every error either server answers: a stable code (the JSON {@code code}) and its HTTP status.
 * Clients branch on the code, people read the message. {@code server-stub/API.md} lists when each
 * one is answered.
 */
public enum ErrorCode {
    // Any endpoint
    MALFORMED_JSON(400),
    INVALID_REQUEST(400),
    BODY_TOO_LARGE(413),
    UNSUPPORTED_MEDIA_TYPE(415),
    NOT_FOUND(404),
    METHOD_NOT_ALLOWED(405),
    UNKNOWN_CLIENT(403),
    FORBIDDEN_FOR_ROLE(403),
    REQUEST_ID_REUSED(409),
    INTERNAL_ERROR(500),
    // Credit company server
    CARD_UNKNOWN(404),
    CARD_NOT_ACTIVE(403),
    CRYPTOGRAM_INVALID(403),
    ATC_REPLAYED(409),
    CURRENCY_NOT_SUPPORTED(400),
    QUOTA_EXCEEDED(402),
    INSUFFICIENT_FUNDS(402),
    EMONEY_CARD_NOT_MAPPED(404),
    PURCHASE_NOT_MADE(404),
    // E-money server
    PASSWORD_REQUIRED(401),
    PASSWORD_WRONG(401),
    PASSWORD_LOCKED(423),
    NOTHING_TO_CHARGE(404),
    CHARGE_UNKNOWN(404),
    RECEIPT_INVALID(422),
    CARD_STATE_INCONSISTENT(409),
    CARD_PROOF_INVALID(403);

    private final int httpStatus;

    ErrorCode(int httpStatus) {
        this.httpStatus = httpStatus;
    }

    public int httpStatus() {
        return httpStatus;
    }
}
