package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransportException;

/**
 * One card reader of the kiosk (R-KI3): the contact reader for the credit IC card or the
 * contactless reader for the e-money card, a contactless credit card or a phone. PC/SC hardware
 * and simulated readers both implement it; the flows see no difference.
 *
 * <p>Contract: {@link #connect()} never blocks waiting for a card — it answers at once with a
 * session or {@link NoCardException}; card and reader events arrive on listeners, from the
 * reader's own monitoring thread, never on the caller's. (Exception: a simulated reader built without an
 * executor delivers them on the thread that caused them, so that tests need no waiting; see
 * {@link CardEventListener}.)
 *
 * <p>Implementations extend {@link AbstractCardReader}, which holds listeners, state, card presence and
 * closing once: {@link PcscReader} (hardware, javax.smartcardio) here, and {@code SimulatedReader} (jcardsim
 * cards, tearing faults) in the {@code kiosk-simulated-readers} module, which a site kiosk does not ship.
 * Wrap a session in an {@link ApduTrace} for a masked APDU log; verify the PIN with a {@link PinEntry}.
 */
public interface CardReader extends AutoCloseable {

    enum Kind { CONTACT, CONTACTLESS }

    /** Where the reader stands now; a reader that vanished or a missing PC/SC service is a state, not an exception. */
    enum State { READY, NO_READER, SERVICE_UNAVAILABLE }

    String name();

    Kind kind();

    State state();

    boolean isCardPresent();

    /**
     * Powers up the card on the reader and opens a session to it.
     *
     * @throws NoCardException when no card is present
     * @throws ReaderException when the reader failed
     */
    CardSession connect() throws CardTransportException;

    void addListener(CardEventListener listener);

    void removeListener(CardEventListener listener);

    /** Stops monitoring and releases the reader. */
    @Override
    void close();
}
