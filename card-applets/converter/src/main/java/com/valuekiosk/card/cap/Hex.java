package com.valuekiosk.card.cap;

import java.util.HexFormat;

/** Upper-case hex without separators, as AIDs are written in APDU.md. */
final class Hex {

    private static final HexFormat FORMAT = HexFormat.of().withUpperCase();

    private Hex() {
    }

    static byte[] decode(String hex) {
        return FORMAT.parseHex(hex.replace(" ", "").replace(":", ""));
    }

    static String encode(byte[] bytes) {
        return FORMAT.formatHex(bytes);
    }

    static String encode(byte[] bytes, int offset, int length) {
        return FORMAT.formatHex(bytes, offset, offset + length);
    }
}
