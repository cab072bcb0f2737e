package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.Bcd;
import java.util.regex.Pattern;

/**
 * A 16-digit card number (credit card or e-money card), 8 bytes of packed BCD on the card.
 * {@link #toString()} is masked on purpose, so that a card number that slips into a log line or a
 * message shows only its last four digits; {@link #digits()} is for the few places that need all.
 */
public final class CardNumber {

    public static final int DIGITS = 16;

    /** 16 digits, optionally grouped by spaces or hyphens; compiled once (servers mask every log line). */
    private static final Pattern IN_TEXT = Pattern.compile("\\b(?:\\d[ -]?){12}(\\d{4})\\b");

    private final String digits;

    private CardNumber(String digits) {
        this.digits = digits;
    }

    /** Parses 16 digits; spaces and hyphens between groups are allowed. */
    public static CardNumber of(String text) {
        String compact = text == null ? "" : text.replace(" ", "").replace("-", "");
        if (compact.length() != DIGITS || !compact.chars().allMatch(c -> c >= '0' && c <= '9')) {
            // The rejected text is not echoed: it may be a real card number with a typo.
            throw new IllegalArgumentException("a card number has " + DIGITS + " digits");
        }
        return new CardNumber(compact);
    }

    static CardNumber fromBcd(byte[] bcd, int offset) {
        return new CardNumber(Bcd.decode(bcd, offset, DIGITS / 2));
    }

    public byte[] toBcd() {
        return Bcd.encode(digits);
    }

    /** All 16 digits. Never log this. */
    public String digits() {
        return digits;
    }

    String lastFour() {
        return digits.substring(DIGITS - 4);
    }

    /** "**** **** **** 1234". */
    public String masked() {
        return "**** **** **** " + lastFour();
    }

    @Override
    public String toString() {
        return masked();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof CardNumber && ((CardNumber) other).digits.equals(digits);
    }

    @Override
    public int hashCode() {
        return digits.hashCode();
    }

    /** Masks every run of 16 digits (optionally grouped by spaces or hyphens) in free text. */
    public static String maskAll(String text) {
        return IN_TEXT.matcher(text).replaceAll("**** **** **** $1");
    }
}
