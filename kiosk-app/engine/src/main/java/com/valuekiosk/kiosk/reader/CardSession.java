package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransport;
import java.util.Optional;

/**
 * A powered-up card on a reader: APDUs in, APDUs out ({@link CardTransport}). A card that leaves
 * during a command makes {@code transmit} throw {@link CardRemovedException}; the session is then
 * dead and the card must be presented again.
 */
public interface CardSession extends CardTransport, AutoCloseable {

    /** The card's answer to reset. */
    byte[] atr();

    /** The reader's own PIN pad (PC/SC part 10, FEATURE_VERIFY_PIN_DIRECT), when it has one. */
    Optional<PinPad> pinPad();

    /** Ends the session and powers the card down (the card stays on the reader). */
    @Override
    void close();
}
