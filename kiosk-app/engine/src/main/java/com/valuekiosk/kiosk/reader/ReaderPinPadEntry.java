package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import java.util.Objects;

/**
 * The PIN typed on the reader's own PIN pad ({@link CardSession#pinPad()}): the reader builds VERIFY and
 * the host sees only the card's status word. The {@link PinSource} is not used.
 */
public final class ReaderPinPadEntry implements PinEntry {

    /** @throws NoPinPadException when the session's reader has no PIN pad */
    @Override
    public void verify(CardSession session, PinSource source) throws CardStatusException, CardTransportException {
        Objects.requireNonNull(session, "session");
        PinPad pad = session.pinPad().orElseThrow(NoPinPadException::new);
        pad.verifyPin();
    }

    @Override
    public boolean usesScreenKeypad() {
        return false;
    }

    @Override
    public String toString() {
        return "ReaderPinPadEntry";
    }
}
