package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.PurseMessages;
import java.security.MessageDigest;
import java.util.Arrays;

/**
 * The purse's answer to CREDIT or DEBIT: the balance after the change, the next sequence number,
 * and a receipt MAC the issuer can check ({@link AmountChange#isConfirmedBy},
 * {@link DebitAuthorization#isConfirmedBy}).
 */
public record PurseReceipt(long balanceAfter, int nextSequence, byte[] mac) {

    public PurseReceipt {
        mac = PurseMessages.requireMac(mac);
    }

    public static PurseReceipt parse(byte[] data) {
        if (data.length != CardProtocol.PURSE_RESPONSE_LENGTH) {
            throw new MalformedResponseException("purse answered " + data.length + " bytes, expected "
                    + CardProtocol.PURSE_RESPONSE_LENGTH);
        }
        return new PurseReceipt(Bytes.readAmount(data, 0), Bytes.readCounter(data, 4), Arrays.copyOfRange(data, 6, 14));
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PurseReceipt that && balanceAfter == that.balanceAfter
                && nextSequence == that.nextSequence && MessageDigest.isEqual(mac, that.mac);
    }

    @Override
    public int hashCode() {
        return Long.hashCode(balanceAfter) * 31 + nextSequence * 17 + Arrays.hashCode(mac);
    }

    @Override
    public String toString() {
        return "PurseReceipt[balanceAfter=" + balanceAfter + ", nextSequence=" + nextSequence
                + ", mac=" + Bytes.hex(mac) + "]";
    }
}
