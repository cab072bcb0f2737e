package com.valuekiosk.card.applet;

/** Checks of packed BCD fields (card numbers, currency codes, expiry dates). */
final class Bcd {

    private Bcd() {
    }

    /** True when every nibble of {@code buffer[offset .. offset+length)} is a decimal digit. */
    static boolean isValid(byte[] buffer, short offset, short length) {
        for (short i = offset; i < (short) (offset + length); i++) {
            if ((short) ((buffer[i] >> 4) & 0x0F) > 9 || (short) (buffer[i] & 0x0F) > 9) {
                return false;
            }
        }
        return true;
    }
}
