package com.valuekiosk.wire;

import java.util.UUID;

/**
 * Kiosk → credit company server: buy {@code amount} of VALUE for an e-money card with a credit
 * card (FIG. 7). The ATC and cryptogram are the credit card's answer to AUTHORIZE PURCHASE; the
 * terminal id is not here because the server takes it from the kiosk's certificate. In the
 * mapping variant the kiosk sends {@code emoneyCardNumber} as sixteen zeros — the number the
 * card MACed — and the server uses the e-money card registered for the credit card.
 */
public record ValuePurchaseRequest(UUID requestId, String cardNumber, String emoneyCardNumber, long amount,
                                   String currency, int atc, String cryptogram) {

    /** The e-money card number that asks the server to use its credit card → e-money card mapping. */
    public static final String MAPPED_EMONEY_CARD = "0000000000000000";

    public ValuePurchaseRequest {
        Fields.requestId(requestId);
        Fields.cardNumber("cardNumber", cardNumber);
        Fields.cardNumber("emoneyCardNumber", emoneyCardNumber);
        Fields.amount(amount);
        Fields.currency(currency);
        if (atc < 1 || atc > 0xFFFF) {
            throw new IllegalArgumentException("atc must be 1..65535");
        }
        cryptogram = Fields.mac("cryptogram", cryptogram);
    }

    @Override
    public String toString() {
        return "ValuePurchaseRequest[requestId=" + requestId + ", card=****" + cardNumber.substring(12)
                + ", emoneyCard=****" + emoneyCardNumber.substring(12) + ", amount=" + amount + " " + currency
                + ", atc=" + atc + "]";
    }
}
