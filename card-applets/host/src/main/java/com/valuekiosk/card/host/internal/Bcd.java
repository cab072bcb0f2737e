package com.valuekiosk.card.host.internal;

import com.valuekiosk.card.host.MalformedResponseException;

/** Packed BCD, two decimal digits a byte, as the card stores card numbers, expiry dates and currencies. */
public final class Bcd {

    private Bcd() {
    }

    /** "0392" → {0x03, 0x92}; the digit count must be even. */
    public static byte[] encode(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("BCD needs an even number of decimal digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (((digits.charAt(2 * i) - '0') << 4) | (digits.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    /**
     * The {@code 2 × length} digits of {@code length} bytes from {@code offset}.
     *
     * @throws MalformedResponseException when a nibble is not a decimal digit: the bytes came from a card
     */
    public static String decode(byte[] bcd, int offset, int length) {
        StringBuilder digits = new StringBuilder(length * 2);
        for (int i = offset; i < offset + length; i++) {
            int high = (bcd[i] >> 4) & 0x0F;
            int low = bcd[i] & 0x0F;
            if (high > 9 || low > 9) {
                throw new MalformedResponseException("not packed BCD: " + String.format("%02X", bcd[i]));
            }
            digits.append((char) ('0' + high)).append((char) ('0' + low));
        }
        return digits.toString();
    }
}
