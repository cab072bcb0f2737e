package com.valuekiosk.wire;

import java.time.Instant;
import java.util.UUID;

/**
 * The credit company server's approval: the card was billed. {@code notification} says whether
 * the e-money server already has the VALUE ({@code DELIVERED}) or will get it as soon as it can be
 * reached ({@code PENDING}); either way the purchase stands. This is also what the kiosk's
 * receipt (R-KI7) shows: card numbers come masked.
 */
public record ValuePurchaseResponse(UUID purchaseId, UUID requestId, long amount, String currency,
                                    String maskedCardNumber, String maskedEmoneyCardNumber, String terminalId,
                                    Instant billedAt, Notification notification) {

    public enum Notification { DELIVERED, PENDING }
}
