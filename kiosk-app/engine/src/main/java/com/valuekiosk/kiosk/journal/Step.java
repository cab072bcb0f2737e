package com.valuekiosk.kiosk.journal;

/**
 * The steps the journal records. A transaction is finished when its last step is terminal; one
 * that is not was interrupted, and {@code Recovery} finishes it.
 */
public enum Step {
    // VALUE purchase (FIG. 7)
    PURCHASE_STARTED(false),
    /** The credit card answered AUTHORIZE PURCHASE: the cryptogram exists; the request is about to be sent. */
    PURCHASE_AUTHORIZED(false),
    PURCHASE_APPROVED(true),
    PURCHASE_DECLINED(true),
    /** Nothing was billed: the credit company server confirmed the request id was never used, and closed it. */
    PURCHASE_NOT_MADE(true),
    PURCHASE_FAILED(true),

    // Charge-up (FIG. 8)
    CHARGE_STARTED(false),
    /** Amount change information received; about to be written to the card. */
    CHARGE_ISSUED(false),
    /** CREDIT sent to the card; its answer may not have arrived. */
    CHARGE_WRITING(false),
    /** The card applied the change (its receipt, or its sequence number, says so); the server is to be told. */
    CHARGE_APPLIED(false),
    CHARGE_COMPLETED(true),
    /** The server cancelled the charge: the card proved a sequence below it, so it never applied it; its VALUE waits again. */
    CHARGE_CANCELLED(true),
    /** The person chose NO: the VALUE stays on the server for later. */
    CHARGE_KEPT_FOR_LATER(true),
    CHARGE_FAILED(true),
    /** Left for the card's next tap: the change is safe on the server, which re-sends it unchanged. */
    CHARGE_AWAITING_CARD(true);

    private final boolean terminal;

    Step(boolean terminal) {
        this.terminal = terminal;
    }

    public boolean isTerminal() {
        return terminal;
    }
}
