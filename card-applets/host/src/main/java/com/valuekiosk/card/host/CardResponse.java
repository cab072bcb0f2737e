package com.valuekiosk.card.host;

import java.util.Arrays;

/** A response APDU split into data and status word. */
public final class CardResponse {

    private final byte[] data;
    private final int sw;

    private CardResponse(byte[] data, int sw) {
        this.data = data;
        this.sw = sw;
    }

    public static CardResponse parse(byte[] raw) {
        if (raw == null || raw.length < 2) {
            throw new IllegalArgumentException("response APDU shorter than a status word");
        }
        int sw = ((raw[raw.length - 2] & 0xFF) << 8) | (raw[raw.length - 1] & 0xFF);
        return new CardResponse(Arrays.copyOf(raw, raw.length - 2), sw);
    }

    public int sw() {
        return sw;
    }

    byte[] data() {
        return data.clone();
    }

    public boolean isSuccess() {
        return sw == CardProtocol.SW_SUCCESS;
    }

    /**
     * The data of a successful answer of exactly {@code expectedLength} bytes (-1: any length).
     *
     * @throws CardStatusException when the card refused
     * @throws MalformedResponseException when it said yes with data of the wrong size
     */
    byte[] requireSuccess(String command, int expectedLength) throws CardStatusException {
        if (!isSuccess()) {
            throw new CardStatusException(command, sw);
        }
        if (expectedLength >= 0 && data.length != expectedLength) {
            throw new MalformedResponseException(command + " answered " + data.length + " bytes, expected " + expectedLength);
        }
        return data.clone();
    }

    @Override
    public String toString() {
        return data.length + " bytes, SW " + StatusWords.format(sw);
    }
}
