package com.valuekiosk.card.host;

/**
 * The byte layouts CREDIT and DEBIT share. Both commands carry amount 4, sequence 2, reference 8
 * (server transaction id or terminal id) and a MAC 8; the MAC covers
 * {@code type || purse card number || amount || sequence || reference}, and the receipt MAC the
 * same fields under the receipt type followed by the balance after the change.
 */
final class PurseMessages {

    private PurseMessages() {
    }

    static byte[] covered(byte type, CardNumber card, long amount, int sequence, byte[] reference) {
        return Bytes.concat(new byte[] {type}, card.toBcd(), Bytes.amount(amount), Bytes.counter(sequence), reference);
    }

    static byte[] commandData(long amount, int sequence, byte[] reference, byte[] mac) {
        return Bytes.concat(Bytes.amount(amount), Bytes.counter(sequence), reference, mac);
    }

    static void requireAmount(long amount) {
        if (amount <= 0 || amount > Bytes.MAX_AMOUNT) {
            throw new IllegalArgumentException("an amount is 1.." + Bytes.MAX_AMOUNT + " minor units, not " + amount);
        }
    }

    static void requireSequence(int sequence) {
        if (sequence < 0 || sequence > 0xFFFF) {
            throw new IllegalArgumentException("a sequence number is 0..65535, not " + sequence);
        }
    }

    static byte[] requireMac(byte[] mac) {
        if (mac == null || mac.length != CardProtocol.MAC_LENGTH) {
            throw new IllegalArgumentException("a MAC is " + CardProtocol.MAC_LENGTH + " bytes");
        }
        return mac.clone();
    }
}
