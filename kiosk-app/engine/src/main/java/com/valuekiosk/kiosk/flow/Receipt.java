package com.valuekiosk.kiosk.flow;

import java.time.Instant;
import java.util.Currency;
import java.util.Objects;
import java.util.UUID;

/**
 * The receipt of the amount charged to the credit card (R-KI7, claim 9): the data only. Its words belong to
 * the screens (the UI formats it in the chosen language for the screen, the file and the printer).
 * Card numbers are masked: the record refuses a card number that shows more than its last four digits.
 */
public record Receipt(UUID purchaseId, String terminalId, Instant billedAt, String maskedCreditCard,
                      String maskedEmoneyCard, long amount, Currency currency) {

    /** How many digits of a card number a receipt may show. */
    public static final int VISIBLE_DIGITS = 4;

    public Receipt {
        Objects.requireNonNull(purchaseId, "purchaseId");
        Objects.requireNonNull(terminalId, "terminalId");
        Objects.requireNonNull(billedAt, "billedAt");
        requireMasked(maskedCreditCard, "maskedCreditCard");
        requireMasked(maskedEmoneyCard, "maskedEmoneyCard");
        if (amount <= 0) {
            throw new IllegalArgumentException("a receipt is for a positive amount, not " + amount);
        }
        Objects.requireNonNull(currency, "currency");
    }

    private static void requireMasked(String cardNumber, String what) {
        Objects.requireNonNull(cardNumber, what);
        long digits = cardNumber.chars().filter(Character::isDigit).count();
        if (digits > VISIBLE_DIGITS) {
            // The number itself is not put in the message: it would be logged.
            throw new IllegalArgumentException(what + " is not masked (" + digits + " digits visible)");
        }
    }
}
