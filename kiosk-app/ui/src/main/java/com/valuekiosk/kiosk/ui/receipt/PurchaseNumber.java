package com.valuekiosk.kiosk.ui.receipt;

import java.util.Locale;
import java.util.UUID;

/**
 * The purchase number a person reads, says to staff or types: the first 8 of the purchase id's 32 hex digits,
 * upper case, in two groups ({@code D040-4A1A}) — not a 36-character UUID. Staff find the purchase on the servers
 * by this prefix; the saved receipt's file name keeps the whole id.
 */
public final class PurchaseNumber {

    private PurchaseNumber() {
    }

    public static String of(UUID purchaseId) {
        String hex = purchaseId.toString().replace("-", "").toUpperCase(Locale.ROOT);
        return hex.substring(0, 4) + "-" + hex.substring(4, 8);
    }
}
