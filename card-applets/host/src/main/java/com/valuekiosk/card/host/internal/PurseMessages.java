package com.valuekiosk.card.host.internal;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;

/**
 * The byte layouts CREDIT and DEBIT share. Both commands carry amount 4, sequence 2, reference 8
 * (server transaction id or terminal id) and a MAC 8; the MAC covers
 * {@code type || purse card number || amount || sequence || reference}, and the receipt MAC the
 * same fields under the receipt type followed by the balance after the change.
 */
public final class PurseMessages {

    private PurseMessages() {
    }

    public static byte[] covered(byte type, CardNumber card, long amount, int sequence, byte[] reference) {
        return ByteArrays.concat(new byte[] {type}, card.toBcd(), Bytes.amount(amount), Bytes.counter(sequence), reference);
    }

    public static byte[] commandData(long amount, int sequence, byte[] reference, byte[] mac) {
        return ByteArrays.concat(Bytes.amount(amount), Bytes.counter(sequence), reference, mac);
    }

    public static void requireAmount(long amount) {
        if (amount <= 0 || amount > Bytes.MAX_AMOUNT) {
            throw new IllegalArgumentException("an amount is 1.." + Bytes.MAX_AMOUNT + " minor units, not " + amount);
        }
    }

    public static void requireSequence(int sequence) {
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("a sequence number is 0..65535, not " + sequence);
        }
    }

    public static byte[] requireMac(byte[] mac) {
        if (mac == null || mac.length != CardProtocol.MAC_LENGTH) {
            throw new IllegalArgumentException("a MAC is " + CardProtocol.MAC_LENGTH + " bytes");
        }
        return mac.clone();
    }
}
