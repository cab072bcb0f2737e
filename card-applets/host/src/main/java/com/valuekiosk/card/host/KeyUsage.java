package com.valuekiosk.card.host;

/**
 * The three per-card keys. Each is derived from its own issuer master key; the usage byte is also
 * part of the derivation input, so one master key used by mistake for two usages still gives two
 * different card keys.
 */
public enum KeyUsage {
    /** Credit card: the purchase cryptogram (credit company's master key). */
    PURCHASE_CRYPTOGRAM(0x01),
    /** Purse: CREDIT commands and their receipts (e-money issuer's load master key). */
    PURSE_CREDIT(0x02),
    /** Purse: DEBIT commands and their receipts (e-money issuer's debit master key). */
    PURSE_DEBIT(0x03);

    private final byte code;

    KeyUsage(int code) {
        this.code = (byte) code;
    }

    byte code() {
        return code;
    }
}
