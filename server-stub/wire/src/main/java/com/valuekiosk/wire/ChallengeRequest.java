package com.valuekiosk.wire;

/**
 * Kiosk → e-money server: a fresh challenge for this card's PROVE STATE, when the kiosk holds none
 * (the availability answer carries one, so the usual charge-up never asks).
 */
public record ChallengeRequest(String cardNumber) {

    public ChallengeRequest {
        Fields.cardNumber("cardNumber", cardNumber);
    }

    @Override
    public String toString() {
        return "ChallengeRequest[card=****" + cardNumber.substring(12) + "]";
    }
}
