package com.valuekiosk.card.host;

import java.util.HexFormat;

/**
 * Big-endian numbers and hex for the card's byte layouts: the amount (4 bytes), counter (2) and
 * transaction id (8) fields, and hex for logs, tests and the JSON messages that carry MACs.
 */
public final class Bytes {

    private static final HexFormat HEX = HexFormat.of().withUpperCase();

    private Bytes() {
    }

    /** Largest amount a card field holds: 4 bytes unsigned. */
    public static final long MAX_AMOUNT = 0xFFFF_FFFFL;

    public static byte[] amount(long minorUnits) {
        if (minorUnits < 0 || minorUnits > MAX_AMOUNT) {
            throw new IllegalArgumentException("amount out of the card's range 0.." + MAX_AMOUNT + ": " + minorUnits);
        }
        return new byte[] {(byte) (minorUnits >>> 24), (byte) (minorUnits >>> 16), (byte) (minorUnits >>> 8), (byte) minorUnits};
    }

    static long readAmount(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFFL) << 24) | ((bytes[offset + 1] & 0xFFL) << 16)
                | ((bytes[offset + 2] & 0xFFL) << 8) | (bytes[offset + 3] & 0xFFL);
    }

    public static byte[] counter(int value) {
        if (value < 0 || value > 0xFFFF) {
            throw new IllegalArgumentException("counter out of range 0..65535: " + value);
        }
        return new byte[] {(byte) (value >>> 8), (byte) value};
    }

    public static int readCounter(byte[] bytes, int offset) {
        return ((bytes[offset] & 0xFF) << 8) | (bytes[offset + 1] & 0xFF);
    }

    public static byte[] longBytes(long value) {
        byte[] out = new byte[8];
        for (int i = 7; i >= 0; i--) {
            out[i] = (byte) value;
            value >>>= 8;
        }
        return out;
    }

    static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }
}
