package com.valuekiosk.wire;

import java.util.UUID;

/**
 * Kiosk → credit company server, when a purchase's answer was lost (timeout, crash, power cut):
 * the answer stored for {@code requestId} if the purchase arrived; otherwise {@code PURCHASE_NOT_MADE},
 * and the id is closed, so a copy of the request still on its way can no longer bill.
 */
public record PurchaseOutcomeRequest(UUID requestId) {

    public PurchaseOutcomeRequest {
        Fields.requestId(requestId);
    }
}
