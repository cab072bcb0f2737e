package com.valuekiosk.card.host;

import static com.valuekiosk.card.host.CardProtocol.*;

/**
 * Builds the command APDUs of APDU.md as raw bytes (short APDUs: CLA INS P1 P2 [Lc data] [Le]).
 * Commands that answer data end with Le = 00 ("up to 256 bytes").
 */
public final class CardCommands {

    private CardCommands() {
    }

    public static byte[] select(String aid) {
        return apdu(CLA_ISO, INS_SELECT, P1_SELECT_BY_NAME, 0x00, Aids.bytes(aid), true);
    }

    /**
     * VERIFY with the PIN as ASCII digits. The returned array holds the PIN: the caller wipes it
     * ({@code Arrays.fill(apdu, (byte) 0)}) as soon as it was sent. Nothing here keeps a copy.
     */
    public static byte[] verify(char[] pin) {
        if (pin == null || pin.length < PIN_MIN_LENGTH || pin.length > PIN_MAX_LENGTH) {
            throw new IllegalArgumentException("a PIN is " + PIN_MIN_LENGTH + ".." + PIN_MAX_LENGTH + " digits");
        }
        byte[] apdu = new byte[5 + pin.length];
        apdu[0] = CLA_ISO;
        apdu[1] = INS_VERIFY;
        apdu[3] = P2_VERIFY_PIN;
        apdu[4] = (byte) pin.length;
        for (int i = 0; i < pin.length; i++) {
            if (pin[i] < '0' || pin[i] > '9') {
                java.util.Arrays.fill(apdu, (byte) 0);
                throw new IllegalArgumentException("a PIN is digits only");
            }
            apdu[5 + i] = (byte) pin[i];
        }
        return apdu;
    }

    /** VERIFY without data: asks whether the PIN is verified, or how many tries are left. */
    public static byte[] pinStatus() {
        return new byte[] {CLA_ISO, INS_VERIFY, 0x00, P2_VERIFY_PIN};
    }

    public static byte[] getData() {
        return apdu(CLA_PROPRIETARY, INS_GET_DATA, 0x00, 0x00, null, true);
    }

    /** PROVE STATE with the e-money server's 8-byte challenge. */
    public static byte[] proveState(byte[] challenge) {
        if (challenge == null || challenge.length != CHALLENGE_LENGTH) {
            throw new IllegalArgumentException("a challenge is " + CHALLENGE_LENGTH + " bytes");
        }
        return apdu(CLA_PROPRIETARY, INS_PROVE_STATE, 0x00, 0x00, challenge, true);
    }

    public static byte[] authorizePurchase(PurchaseRequest request) {
        return apdu(CLA_PROPRIETARY, INS_AUTHORIZE_PURCHASE, 0x00, 0x00, request.commandData(), true);
    }

    /** READ RECORD of the n-th newest log record, 1 = the latest. */
    public static byte[] readLogRecord(int number) {
        if (number < 1 || number > 0xFF) {
            throw new IllegalArgumentException("log record number is 1..255");
        }
        return apdu(CLA_PROPRIETARY, INS_READ_RECORD, number, P2_READ_RECORD_BY_NUMBER, null, true);
    }

    public static byte[] credit(AmountChange change) {
        return apdu(CLA_PROPRIETARY, INS_CREDIT, 0x00, 0x00, change.commandData(), true);
    }

    public static byte[] debit(DebitAuthorization debit) {
        return apdu(CLA_PROPRIETARY, INS_DEBIT, 0x00, 0x00, debit.commandData(), true);
    }

    /** Personalisation: writes one item. The caller wipes the array when it carries a key or a PIN. */
    public static byte[] putData(byte tag, byte[] value) {
        return apdu(CLA_PROPRIETARY, INS_PUT_DATA, 0x00, tag, value, false);
    }

    static byte[] activate() {
        return apdu(CLA_PROPRIETARY, INS_ACTIVATE, 0x00, 0x00, null, false);
    }

    /** A short APDU. */
    private static byte[] apdu(int cla, int ins, int p1, int p2, byte[] data, boolean expectsData) {
        int lc = data == null ? 0 : data.length;
        if (lc > 255) {
            throw new IllegalArgumentException("short APDUs carry at most 255 bytes of data");
        }
        byte[] apdu = new byte[4 + (lc > 0 ? 1 + lc : 0) + (expectsData ? 1 : 0)];
        apdu[0] = (byte) cla;
        apdu[1] = (byte) ins;
        apdu[2] = (byte) p1;
        apdu[3] = (byte) p2;
        if (lc > 0) {
            apdu[4] = (byte) lc;
            System.arraycopy(data, 0, apdu, 5, lc);
        }
        // Le = 00 is already in place when expectsData: the last byte stays zero.
        return apdu;
    }
}
