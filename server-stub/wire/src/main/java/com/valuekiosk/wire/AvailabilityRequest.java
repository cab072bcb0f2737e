package com.valuekiosk.wire;

/**
 * Kiosk → e-money server: what is waiting for this card? (FIG. 8, first exchange.) Without a
 * password for a card that has one, the answer is {@code PASSWORD_REQUIRED} and the kiosk shows
 * the password screen (FIG. 10A).
 */
public record AvailabilityRequest(String cardNumber, String password) {

    public AvailabilityRequest {
        Fields.cardNumber("cardNumber", cardNumber);
        Fields.password(password);
    }

    @Override
    public String toString() {
        return "AvailabilityRequest[card=****" + cardNumber.substring(12) + ", password=" + (password == null ? "none" : "given") + "]";
    }
}
