package com.valuekiosk.wire;

import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Checks shared by the messages' constructors; a failure becomes a 400 INVALID_REQUEST. The checks
 * are for this package only; {@link #MAX_AMOUNT} is public because the e-money server reads it.
 */
public final class Fields {

    /** The largest amount a card field holds (4 bytes unsigned), in minor units. */
    public static final long MAX_AMOUNT = 0xFFFF_FFFFL;

    // Compiled once: every request and answer checks its fields (String.matches compiles each time).
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern MAC = Pattern.compile("[0-9A-Fa-f]{16}");

    private Fields() {
    }

    static UUID requestId(UUID requestId) {
        if (requestId == null) {
            throw new IllegalArgumentException("requestId is required");
        }
        return requestId;
    }

    /** 16 digits; the value is never echoed, it may be a real card number. */
    static String cardNumber(String name, String value) {
        if (value == null || value.length() != 16 || !value.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException(name + " must be 16 digits");
        }
        return value;
    }

    static String optionalCardNumber(String name, String value) {
        return value == null ? null : cardNumber(name, value);
    }

    static long amount(long amount) {
        if (amount <= 0 || amount > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be 1.." + MAX_AMOUNT + " minor units");
        }
        return amount;
    }

    static String currency(String currency) {
        if (currency == null || !CURRENCY.matcher(currency).matches()) {
            throw new IllegalArgumentException("currency must be an ISO 4217 code such as JPY");
        }
        return currency;
    }

    static int sequence(String name, int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException(name + " must be 0..65535");
        }
        return value;
    }

    static String mac(String name, String hex) {
        if (hex == null || !MAC.matcher(hex).matches()) {
            throw new IllegalArgumentException(name + " must be 8 bytes in hex");
        }
        return hex.toUpperCase(java.util.Locale.ROOT);
    }

    static String password(String password) {
        if (password != null && (password.isEmpty() || password.length() > 64)) {
            throw new IllegalArgumentException("password must be 1..64 characters when given");
        }
        return password;
    }

    /** A short printable text (a reader's name, a problem's summary): no control characters, at most {@code max} long. */
    static String text(String name, String value, int max) {
        if (value == null || value.isEmpty() || value.length() > max
                || !value.codePoints().allMatch(c -> c >= 0x20 && c != 0x7F && !Character.isISOControl(c))) {
            throw new IllegalArgumentException(name + " must be 1.." + max + " printable characters");
        }
        return value;
    }

    static long count(String name, long value, long max) {
        if (value < 0 || value > max) {
            throw new IllegalArgumentException(name + " must be 0.." + max);
        }
        return value;
    }
}
