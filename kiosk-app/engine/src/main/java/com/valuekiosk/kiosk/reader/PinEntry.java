package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;

/**
 * How the credit card's PIN is verified (FIG. 7: "PIN entered, checked by the card itself"): typed on the
 * kiosk screen and sent by the host ({@link HostPinEntry}), or typed on the reader's own PIN pad so that it
 * never reaches the host ({@link ReaderPinPadEntry}). Either way the card checks it and the PIN is written
 * nowhere.
 *
 * <p>The credit card applet must be selected on {@code session} (SELECT ends a verification, APDU.md 5.2,
 * so select first, then verify, then AUTHORIZE PURCHASE).
 */
public interface PinEntry {

    /**
     * Has the card verify the person's PIN.
     *
     * @param source where a host-typed PIN comes from; entry on the reader's PIN pad ignores it
     *        ({@link PinSource#NONE})
     * @throws CardStatusException when the card refused: {@link CardStatusException#pinTriesRemaining()}
     *         tells the tries left after a wrong PIN, 0 when blocked (6983)
     * @throws CardTransportException when the card left or the reader failed
     */
    void verify(CardSession session, PinSource source) throws CardStatusException, CardTransportException;

    /** True when the kiosk screen must show its PIN keypad; false when the person types on the reader. */
    boolean usesScreenKeypad();

    /** The reader's PIN pad when the session offers one, else the screen. */
    static PinEntry forSession(CardSession session) {
        return session.pinPad().isPresent() ? new ReaderPinPadEntry() : new HostPinEntry();
    }
}
