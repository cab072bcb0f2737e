package com.valuekiosk.wire;

import java.util.UUID;

/**
 * Kiosk → e-money server, when it does not know whether a CREDIT reached the card (answer lost,
 * card pulled away, kiosk restarted): here is what the card says now; settle the charge.
 */
public record ChargeStatusRequest(UUID requestId, long chargeId, String cardNumber, CardState card) {

    public ChargeStatusRequest {
        Fields.requestId(requestId);
        if (chargeId <= 0) {
            throw new IllegalArgumentException("chargeId must be positive");
        }
        Fields.cardNumber("cardNumber", cardNumber);
        if (card == null) {
            throw new IllegalArgumentException("card is required");
        }
    }

    @Override
    public String toString() {
        return "ChargeStatusRequest[requestId=" + requestId + ", chargeId=" + chargeId + ", card=****"
                + cardNumber.substring(12) + ", state=" + card + "]";
    }
}
