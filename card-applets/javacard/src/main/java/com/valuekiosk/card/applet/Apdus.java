package com.valuekiosk.card.applet;

import javacard.framework.APDU;
import javacard.framework.ISO7816;
import javacard.framework.ISOException;

/** Syntax checks shared by both applets: class byte, P1/P2 and the length of the data field. */
final class Apdus {

    private Apdus() {
    }

    static void requireClass(byte[] buffer, byte cla) {
        if (buffer[ISO7816.OFFSET_CLA] != cla) {
            ISOException.throwIt(ISO7816.SW_CLA_NOT_SUPPORTED);
        }
    }

    static void requireP1P2(byte[] buffer, byte p1, byte p2) {
        if (buffer[ISO7816.OFFSET_P1] != p1 || buffer[ISO7816.OFFSET_P2] != p2) {
            ISOException.throwIt(ISO7816.SW_INCORRECT_P1P2);
        }
    }

    /**
     * Receives the data field and returns its length, which must be announced by Lc and present in
     * full (short APDUs only, so one receive gets it all). Commands without a data field never call
     * this: their P3 is Le, and receiving it as Lc would break T=0.
     */
    static short receive(APDU apdu, short min, short max) {
        short received = apdu.setIncomingAndReceive();
        short lc = apdu.getIncomingLength();
        if (received != lc || lc < min || lc > max) {
            ISOException.throwIt(ISO7816.SW_WRONG_LENGTH);
        }
        return lc;
    }

    static short receiveExactly(APDU apdu, short length) {
        return receive(apdu, length, length);
    }

    /** Sends {@code length} bytes from the start of the APDU buffer. */
    static void send(APDU apdu, short length) {
        apdu.setOutgoingAndSend((short) 0, length);
    }
}
