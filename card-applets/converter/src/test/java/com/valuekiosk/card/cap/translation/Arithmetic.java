package com.valuekiosk.card.cap.translation;

/** Small methods whose Java Card translation the converter test reads back instruction by instruction. */
public final class Arithmetic {

    private Arithmetic() {
    }

    public static short sum(short a, short b) {
        return (short) (a + b);
    }

    public static byte low(short a) {
        return (byte) a;
    }

    /** A forward branch over more than 127 bytes: the converter must use ifne_w. */
    public static short far(short a) {
        if (a == 0) {
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
            a = (short) (a * 3 + 1);
        }
        return a;
    }

    public static short pick(short key) {
        switch (key) {
            case 1:
                return 10;
            case 2:
                return 20;
            case 3:
                return 300;
            default:
                return 0;
        }
    }
}
