package com.valuekiosk.card.host;

import java.util.HexFormat;

/** Big-endian numbers, packed BCD and hex for the card's byte layouts. */
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

    public static long readAmount(byte[] bytes, int offset) {
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

    public static long readLong(byte[] bytes, int offset) {
        long value = 0;
        for (int i = 0; i < 8; i++) {
            value = (value << 8) | (bytes[offset + i] & 0xFF);
        }
        return value;
    }

    /** "0392" → {0x03, 0x92}; the digit count must be even. */
    public static byte[] digitsToBcd(String digits) {
        if (digits.length() % 2 != 0 || !digits.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw new IllegalArgumentException("BCD needs an even number of decimal digits");
        }
        byte[] out = new byte[digits.length() / 2];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (((digits.charAt(2 * i) - '0') << 4) | (digits.charAt(2 * i + 1) - '0'));
        }
        return out;
    }

    public static String bcdToDigits(byte[] bcd, int offset, int length) {
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

    public static String hex(byte[] bytes) {
        return HEX.formatHex(bytes);
    }

    public static byte[] fromHex(String hex) {
        return HEX.parseHex(hex);
    }

    static byte[] concat(byte[]... parts) {
        int length = 0;
        for (byte[] part : parts) {
            length += part.length;
        }
        byte[] out = new byte[length];
        int at = 0;
        for (byte[] part : parts) {
            System.arraycopy(part, 0, out, at, part.length);
            at += part.length;
        }
        return out;
    }
}
