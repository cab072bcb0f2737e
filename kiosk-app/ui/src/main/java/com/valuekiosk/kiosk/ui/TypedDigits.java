package com.valuekiosk.kiosk.ui;

import java.util.Arrays;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;

/**
 * Digits typed on the on-screen keypad into a PIN, password or amount field. Kept in one char array, never
 * in a String (a String cannot be wiped); observers see only how many digits there are. {@link #wipe()}
 * fills the array with zeros; {@link #take()} hands out a copy and wipes this one.
 */
public final class TypedDigits {

    /** Shown for each typed digit of a PIN or password (FIG. 9B: "filled circles"). */
    public static final char CIRCLE = '\u25CF';

    private final char[] digits;
    private final ReadOnlyIntegerWrapper length = new ReadOnlyIntegerWrapper(this, "length");

    public TypedDigits(int maximumLength) {
        digits = new char[maximumLength];
    }

    public void append(char digit) {
        if (digit < '0' || digit > '9') {
            throw new IllegalArgumentException("not a digit");
        }
        int n = length.get();
        if (n < digits.length) {
            digits[n] = digit;
            length.set(n + 1);
        }
    }

    public void deleteLast() {
        int n = length.get();
        if (n > 0) {
            digits[n - 1] = '\0';
            length.set(n - 1);
        }
    }

    /** Replaces what was typed (amount presets). */
    public void set(CharSequence value) {
        wipe();
        for (int i = 0; i < value.length(); i++) {
            append(value.charAt(i));
        }
    }

    public void wipe() {
        Arrays.fill(digits, '\0');
        length.set(0);
    }

    /** What was typed, now owned by the caller (who wipes it); this buffer is wiped. */
    public char[] take() {
        char[] taken = Arrays.copyOf(digits, length.get());
        wipe();
        return taken;
    }

    /** The digits themselves, for an amount (not a secret): a fresh CharSequence. */
    public CharSequence visibleDigits() {
        return new String(digits, 0, length.get());
    }

    /** One circle per typed digit. */
    public String circles() {
        return String.valueOf(CIRCLE).repeat(length.get());
    }

    public int length() {
        return length.get();
    }

    public ReadOnlyIntegerProperty lengthProperty() {
        return length.getReadOnlyProperty();
    }
}
