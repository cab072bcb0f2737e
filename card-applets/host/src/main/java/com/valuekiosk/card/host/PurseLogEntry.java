package com.valuekiosk.card.host;

import java.security.MessageDigest;
import java.util.Arrays;

/**
 * One record of the purse's cyclic log (the patent's "log data"): type, the sequence number the
 * command carried, amount, balance after, and its reference — the server transaction id of a
 * CREDIT or the terminal id of a DEBIT.
 */
public record PurseLogEntry(Type type, int sequence, long amount, long balanceAfter, byte[] reference) {

    public enum Type { CREDIT, DEBIT }

    public PurseLogEntry {
        reference = reference.clone();
    }

    static PurseLogEntry parse(byte[] data) {
        if (data.length != CardProtocol.LOG_RECORD_LENGTH) {
            throw new MalformedResponseException("log record of " + data.length + " bytes, expected "
                    + CardProtocol.LOG_RECORD_LENGTH);
        }
        Type type = switch (data[0]) {
            case CardProtocol.LOG_TYPE_CREDIT -> Type.CREDIT;
            case CardProtocol.LOG_TYPE_DEBIT -> Type.DEBIT;
            default -> throw new MalformedResponseException("unknown log record type " + data[0]);
        };
        return new PurseLogEntry(type, Bytes.readCounter(data, 1), Bytes.readAmount(data, 3), Bytes.readAmount(data, 7),
                Arrays.copyOfRange(data, 11, 19));
    }

    /** The server transaction id of a CREDIT. */
    public long transactionId() {
        requireType(Type.CREDIT);
        return Bytes.readLong(reference, 0);
    }

    /** The terminal of a DEBIT. */
    public TerminalId terminal() {
        requireType(Type.DEBIT);
        return TerminalId.fromBytes(reference, 0);
    }

    private void requireType(Type expected) {
        if (type != expected) {
            throw new IllegalStateException("a " + type + " record has no " + (expected == Type.CREDIT ? "transaction id" : "terminal"));
        }
    }

    @Override
    public byte[] reference() {
        return reference.clone();
    }

    @Override
    public boolean equals(Object other) {
        return other instanceof PurseLogEntry that && type == that.type && sequence == that.sequence
                && amount == that.amount && balanceAfter == that.balanceAfter
                && MessageDigest.isEqual(reference, that.reference);
    }

    @Override
    public int hashCode() {
        return type.hashCode() * 31 + sequence * 17 + Long.hashCode(amount) + Arrays.hashCode(reference);
    }

    @Override
    public String toString() {
        return "PurseLogEntry[" + type + ", sequence=" + sequence + ", amount=" + amount + ", balanceAfter="
                + balanceAfter + ", reference=" + Bytes.hex(reference) + "]";
    }
}
