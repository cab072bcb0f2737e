package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.ByteArrays;
import com.valuekiosk.card.host.internal.PurseMessages;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * Amount change information (the patent's term): the e-money server's order to one purse to add
 * {@code amount}, valid only at the purse's current credit sequence number, identified by the
 * server's transaction id, and MACed under that purse's credit key. The kiosk forwards it to the
 * card unchanged; it cannot make one itself.
 */
public record AmountChange(CardNumber purse, long amount, int sequence, long transactionId, byte[] mac) {

    public AmountChange {
        Objects.requireNonNull(purse, "purse");
        PurseMessages.requireAmount(amount);
        PurseMessages.requireSequence(sequence);
        mac = PurseMessages.requireMac(mac);
    }

    /** Server side: makes the MACed change for a purse whose credit key is {@code creditKey}. */
    public static AmountChange issue(byte[] creditKey, CardNumber purse, long amount, int sequence, long transactionId) {
        byte[] mac = CardKeys.mac(creditKey, PurseMessages.covered(CardProtocol.MAC_TYPE_CREDIT, purse, amount, sequence,
                Bytes.longBytes(transactionId)));
        return new AmountChange(purse, amount, sequence, transactionId, mac);
    }

    /** CREDIT data: amount 4, sequence 2, transaction id 8, MAC 8. */
    byte[] commandData() {
        return PurseMessages.commandData(amount, sequence, Bytes.longBytes(transactionId), mac);
    }

    /** True when the MAC is right for {@code creditKey}. */
    public boolean isAuthentic(byte[] creditKey) {
        return CardKeys.macMatches(creditKey, PurseMessages.covered(CardProtocol.MAC_TYPE_CREDIT, purse, amount, sequence,
                Bytes.longBytes(transactionId)), mac);
    }

    /** True when {@code receipt} is this purse's proof that it applied this change. */
    public boolean isConfirmedBy(PurseReceipt receipt, byte[] creditKey) {
        return CardKeys.macMatches(creditKey, ByteArrays.concat(PurseMessages.covered(CardProtocol.MAC_TYPE_CREDIT_RECEIPT, purse,
                amount, sequence, Bytes.longBytes(transactionId)), Bytes.amount(receipt.balanceAfter())), receipt.mac());
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof AmountChange that && purse.equals(that.purse) && amount == that.amount
                && sequence == that.sequence && transactionId == that.transactionId && MessageDigest.isEqual(mac, that.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purse, amount, sequence, transactionId, Arrays.hashCode(mac));
    }

    @Override
    public String toString() {
        return "AmountChange[purse=" + purse + ", amount=" + amount + ", sequence=" + sequence
                + ", transactionId=" + transactionId + "]";
    }
}
