package com.valuekiosk.card.applet;

/**
 * Unsigned 32-bit big-endian amounts in byte arrays, computed with short arithmetic only
 * (Java Card 2.2.2 has no {@code int}). Minor units: ¥1 is 1.
 */
final class Amounts {

    private Amounts() {
    }

    static boolean isZero(byte[] a, short aOffset) {
        for (short i = 0; i < Constants.AMOUNT_LENGTH; i++) {
            if (a[(short) (aOffset + i)] != 0) {
                return false;
            }
        }
        return true;
    }

    /** out = a + b; false (and out undefined) when the sum does not fit 32 bits. */
    static boolean add(byte[] a, short aOffset, byte[] b, short bOffset, byte[] out, short outOffset) {
        short carry = 0;
        for (short i = (short) (Constants.AMOUNT_LENGTH - 1); i >= 0; i--) {
            short sum = (short) ((a[(short) (aOffset + i)] & 0xFF) + (b[(short) (bOffset + i)] & 0xFF) + carry);
            out[(short) (outOffset + i)] = (byte) sum;
            carry = (short) ((sum >> 8) & 1);
        }
        return carry == 0;
    }

    /** out = a - b; false (and out undefined) when b is larger than a. */
    static boolean subtract(byte[] a, short aOffset, byte[] b, short bOffset, byte[] out, short outOffset) {
        short borrow = 0;
        for (short i = (short) (Constants.AMOUNT_LENGTH - 1); i >= 0; i--) {
            short difference = (short) ((a[(short) (aOffset + i)] & 0xFF) - (b[(short) (bOffset + i)] & 0xFF) - borrow);
            out[(short) (outOffset + i)] = (byte) difference;
            borrow = (short) (difference < 0 ? 1 : 0);
        }
        return borrow == 0;
    }

    /** True when a is greater than b, both unsigned. */
    static boolean greaterThan(byte[] a, short aOffset, byte[] b, short bOffset) {
        for (short i = 0; i < Constants.AMOUNT_LENGTH; i++) {
            short x = (short) (a[(short) (aOffset + i)] & 0xFF);
            short y = (short) (b[(short) (bOffset + i)] & 0xFF);
            if (x != y) {
                return x > y;
            }
        }
        return false;
    }
}
