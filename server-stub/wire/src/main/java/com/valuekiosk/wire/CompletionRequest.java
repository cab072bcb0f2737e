package com.valuekiosk.wire;

import java.util.UUID;

/** Kiosk → e-money server: the card's answer to CREDIT, which proves the charge was applied. */
public record CompletionRequest(UUID requestId, long chargeId, long balanceAfter, int nextSequence, String receiptMac) {

    public CompletionRequest {
        Fields.requestId(requestId);
        if (chargeId <= 0) {
            throw new IllegalArgumentException("chargeId must be positive");
        }
        if (balanceAfter < 0 || balanceAfter > Fields.MAX_AMOUNT) {
            throw new IllegalArgumentException("balanceAfter must be 0.." + Fields.MAX_AMOUNT);
        }
        Fields.sequence("nextSequence", nextSequence);
        receiptMac = Fields.mac("receiptMac", receiptMac);
    }
}
