package com.valuekiosk.wire;

/** The body of every error answer: {@code {"code":"QUOTA_EXCEEDED","message":"..."}}. */
public record ErrorBody(ErrorCode code, String message) {
}
