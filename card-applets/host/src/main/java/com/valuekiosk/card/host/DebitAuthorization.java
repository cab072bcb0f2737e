package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.ByteArrays;
import com.valuekiosk.card.host.internal.PurseMessages;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Objects;

/**
 * A store terminal's payment from a purse (FIG. 13): {@code amount} at the purse's current debit
 * sequence number, MACed under the purse's debit key by whoever holds the e-money issuer's debit
 * master key (a store's secure module, or the e-money server for it).
 */
public record DebitAuthorization(CardNumber purse, long amount, int sequence, TerminalId terminal, byte[] mac) {

    public DebitAuthorization {
        Objects.requireNonNull(purse, "purse");
        Objects.requireNonNull(terminal, "terminal");
        PurseMessages.requireAmount(amount);
        PurseMessages.requireSequence(sequence);
        mac = PurseMessages.requireMac(mac);
    }

    public static DebitAuthorization issue(byte[] debitKey, CardNumber purse, long amount, int sequence, TerminalId terminal) {
        byte[] mac = CardKeys.mac(debitKey, PurseMessages.covered(CardProtocol.MAC_TYPE_DEBIT, purse, amount, sequence,
                terminal.toBytes()));
        return new DebitAuthorization(purse, amount, sequence, terminal, mac);
    }

    /** DEBIT data: amount 4, sequence 2, terminal id 8, MAC 8. */
    byte[] commandData() {
        return PurseMessages.commandData(amount, sequence, terminal.toBytes(), mac);
    }

    public boolean isConfirmedBy(PurseReceipt receipt, byte[] debitKey) {
        return CardKeys.macMatches(debitKey, ByteArrays.concat(PurseMessages.covered(CardProtocol.MAC_TYPE_DEBIT_RECEIPT, purse,
                amount, sequence, terminal.toBytes()), Bytes.amount(receipt.balanceAfter())), receipt.mac());
    }

    @Override
    public byte[] mac() {
        return mac.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof DebitAuthorization that && purse.equals(that.purse) && amount == that.amount
                && sequence == that.sequence && terminal.equals(that.terminal) && MessageDigest.isEqual(mac, that.mac);
    }

    @Override
    public int hashCode() {
        return Objects.hash(purse, amount, sequence, terminal, Arrays.hashCode(mac));
    }

    @Override
    public String toString() {
        return "DebitAuthorization[purse=" + purse + ", amount=" + amount + ", sequence=" + sequence
                + ", terminal=" + terminal + "]";
    }
}
