package com.valuekiosk.wire;

import java.util.UUID;

/**
 * Credit company server (or a points system) → e-money server: prepare VALUE for a card. The
 * request id is the purchase id, so a notice delivered twice prepares once. Exactly one of
 * {@code emoneyCardNumber} and {@code creditCardNumber} is given: the latter for the mapping variant.
 */
public record PreparationNotice(UUID requestId, String emoneyCardNumber, String creditCardNumber, long amount,
                                String currency, Source source) {

    public enum Source { PURCHASE, POINTS }

    public PreparationNotice {
        Fields.requestId(requestId);
        Fields.optionalCardNumber("emoneyCardNumber", emoneyCardNumber);
        Fields.optionalCardNumber("creditCardNumber", creditCardNumber);
        if ((emoneyCardNumber == null) == (creditCardNumber == null)) {
            throw new IllegalArgumentException("exactly one of emoneyCardNumber and creditCardNumber is required");
        }
        Fields.amount(amount);
        Fields.currency(currency);
        if (source == null) {
            throw new IllegalArgumentException("source is required");
        }
    }

    @Override
    public String toString() {
        String card = emoneyCardNumber != null ? emoneyCardNumber : creditCardNumber;
        return "PreparationNotice[requestId=" + requestId + ", card=****" + card.substring(12) + ", amount=" + amount
                + " " + currency + ", source=" + source + "]";
    }
}
