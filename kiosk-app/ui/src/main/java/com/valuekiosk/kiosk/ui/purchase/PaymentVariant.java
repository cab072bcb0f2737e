package com.valuekiosk.kiosk.ui.purchase;

import com.valuekiosk.kiosk.ui.Keys;

/**
 * How the person pays on FIG. 9B (R-KI3, FIG. 14A–14C): which cards go where, the instruction that says so,
 * and how the engine reads them. {@code id} names the selector's node ({@code variant-<id>}).
 */
public enum PaymentVariant {

    /** FIG. 9B: IC credit card in the contact slot, e-money card on the contactless pad. */
    IC_CREDIT_CARD("ic-card", false, Keys.PURCHASE_VARIANT_IC_CARD, Keys.PURCHASE_INSTRUCTION),
    /**
     * FIG. 14A: a contactless credit card tapped first, then the e-money card on the same pad; the pad reaches
     * one card at a time, so the credit card comes back for the PIN at TRANSMIT (the engine checks it is the same).
     */
    CONTACTLESS_CREDIT_CARD("contactless-credit", true, Keys.PURCHASE_VARIANT_CONTACTLESS_CREDIT,
            Keys.PURCHASE_INSTRUCTION_CONTACTLESS_CREDIT),
    /** FIG. 14B: one combo card holding the credit card and the e-money purse, on the pad. */
    COMBO_CARD("combo", true, Keys.PURCHASE_VARIANT_COMBO, Keys.PURCHASE_INSTRUCTION_COMBO),
    /** FIG. 14C: IC credit card in the slot, a phone carrying the e-money purse on the pad. */
    PHONE("phone", false, Keys.PURCHASE_VARIANT_PHONE, Keys.PURCHASE_INSTRUCTION_PHONE);

    private final String id;
    private final boolean creditOnContactless;
    private final String nameKey;
    private final String instructionKey;

    PaymentVariant(String id, boolean creditOnContactless, String nameKey, String instructionKey) {
        this.id = id;
        this.creditOnContactless = creditOnContactless;
        this.nameKey = nameKey;
        this.instructionKey = instructionKey;
    }

    public String id() {
        return id;
    }

    /** The credit card is read on the contactless reader ({@code KioskEngine.purchase(true, …)}). */
    public boolean creditOnContactless() {
        return creditOnContactless;
    }

    public String nameKey() {
        return nameKey;
    }

    public String instructionKey() {
        return instructionKey;
    }
}
