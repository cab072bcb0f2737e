package com.valuekiosk.card.cap.handlers;

/** A package with an exception handler, which the applets do not have. */
public final class Guarded {

    private Guarded() {
    }

    public static short at(byte[] buffer, short index) {
        try {
            return buffer[index];
        } catch (ArrayIndexOutOfBoundsException e) {
            return -1;
        }
    }

    public static short first(byte[] buffer) {
        try {
            return buffer[0];
        } catch (NullPointerException e) {
            return -2;
        }
    }
}
