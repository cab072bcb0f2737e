package com.valuekiosk.kiosk.flow;

/** A flow ended without success: which case, tries left for a wrong PIN (else -1), and a detail for the log. */
public record FlowFailure(FlowError error, int triesLeft, String detail) {

    public static FlowFailure of(FlowError error, String detail) {
        return new FlowFailure(error, -1, detail);
    }
}
