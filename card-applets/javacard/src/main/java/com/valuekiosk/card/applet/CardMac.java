package com.valuekiosk.card.applet;

import javacard.framework.JCSystem;
import javacard.framework.Util;
import javacard.security.AESKey;
import javacard.security.Signature;

/**
 * AES-128 CBC-MAC with ISO/IEC 9797-1 padding method 2, truncated to {@link Constants#MAC_LENGTH}
 * bytes. The caller writes the message into {@link #message()} from offset 0; this class pads it
 * in place. Every message MACed under one key has one padded length (see APDU.md), which is what
 * makes plain CBC-MAC safe here.
 */
final class CardMac {

    /** The longest padded message (the purchase cryptogram: 34 bytes, padded to 48). */
    private static final short MESSAGE_CAPACITY = 48;
    private static final short BLOCK = 16;

    private final Signature aesMac;
    /** Message, then padding, then the 16-byte CBC-MAC output at {@link #MESSAGE_CAPACITY}. */
    private final byte[] work;

    CardMac() {
        aesMac = Signature.getInstance(Signature.ALG_AES_MAC_128_NOPAD, false);
        work = JCSystem.makeTransientByteArray((short) (MESSAGE_CAPACITY + BLOCK), JCSystem.CLEAR_ON_DESELECT);
    }

    /** Where the caller builds the message to MAC. */
    byte[] message() {
        return work;
    }

    /** MACs {@code message()[0 .. length)} and writes the truncated MAC to {@code out}. */
    void sign(AESKey key, short length, byte[] out, short outOffset) {
        short padded = pad(length);
        aesMac.init(key, Signature.MODE_SIGN);
        aesMac.sign(work, (short) 0, padded, work, MESSAGE_CAPACITY);
        Util.arrayCopyNonAtomic(work, MESSAGE_CAPACITY, out, outOffset, Constants.MAC_LENGTH);
    }

    /**
     * True when {@code mac} is the MAC of {@code message()[0 .. length)}. Every byte is compared,
     * wherever the first difference lies ({@code Util.arrayCompare} stops there): the time taken
     * must not tell a forger how many leading bytes of a guessed MAC were right.
     */
    boolean verify(AESKey key, short length, byte[] mac, short macOffset) {
        short padded = pad(length);
        aesMac.init(key, Signature.MODE_SIGN);
        aesMac.sign(work, (short) 0, padded, work, MESSAGE_CAPACITY);
        byte difference = 0;
        for (short i = 0; i < Constants.MAC_LENGTH; i++) {
            difference |= (byte) (work[(short) (MESSAGE_CAPACITY + i)] ^ mac[(short) (macOffset + i)]);
        }
        return difference == 0;
    }

    private short pad(short length) {
        work[length] = (byte) 0x80;
        short padded = (short) (length + 1);
        while ((short) (padded % BLOCK) != 0) {
            work[padded] = 0;
            padded++;
        }
        return padded;
    }
}
