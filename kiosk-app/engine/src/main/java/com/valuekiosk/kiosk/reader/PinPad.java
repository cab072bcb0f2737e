package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;

/**
 * A reader's PIN pad: the person types the PIN on the reader, which builds the VERIFY command
 * itself, so the PIN never reaches the host.
 */
public interface PinPad {

    /**
     * Asks the reader to collect the PIN and VERIFY it with the card (our VERIFY: CLA 00, INS 20,
     * P2 80, ASCII digits, 4 to 8 of them).
     *
     * @throws CardStatusException with the card's status word (63Cx, 6983) when it refused
     */
    void verifyPin() throws CardStatusException, CardTransportException;
}
