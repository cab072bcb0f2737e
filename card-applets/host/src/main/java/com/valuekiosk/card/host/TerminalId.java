package com.valuekiosk.card.host;

import java.nio.charset.StandardCharsets;

/**
 * A kiosk's terminal id: 8 printable ASCII characters (like EMV's terminal identification). The
 * servers take it from the kiosk's TLS certificate; the card MACs it into the purchase cryptogram.
 */
public record TerminalId(String value) {

    public TerminalId {
        if (value == null || value.length() != CardProtocol.TERMINAL_ID_LENGTH
                || !value.chars().allMatch(c -> c >= 0x20 && c <= 0x7E)) {
            throw new IllegalArgumentException("a terminal id is " + CardProtocol.TERMINAL_ID_LENGTH
                    + " printable ASCII characters");
        }
    }

    static TerminalId fromBytes(byte[] bytes, int offset) {
        return new TerminalId(new String(bytes, offset, CardProtocol.TERMINAL_ID_LENGTH, StandardCharsets.US_ASCII));
    }

    public byte[] toBytes() {
        return value.getBytes(StandardCharsets.US_ASCII);
    }

    @Override
    public String toString() {
        return value;
    }
}
