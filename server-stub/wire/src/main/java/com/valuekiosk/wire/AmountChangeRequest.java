package com.valuekiosk.wire;

import java.util.UUID;

/**
 * Kiosk → e-money server, after the person said YES (FIG. 10B): issue amount change information
 * for everything waiting for this card, at the card's current sequence number.
 */
public record AmountChangeRequest(UUID requestId, String cardNumber, String password, CardState card) {

    public AmountChangeRequest {
        Fields.requestId(requestId);
        Fields.cardNumber("cardNumber", cardNumber);
        Fields.password(password);
        if (card == null) {
            throw new IllegalArgumentException("card is required");
        }
    }

    @Override
    public String toString() {
        return "AmountChangeRequest[requestId=" + requestId + ", card=****" + cardNumber.substring(12) + ", state=" + card + "]";
    }
}
