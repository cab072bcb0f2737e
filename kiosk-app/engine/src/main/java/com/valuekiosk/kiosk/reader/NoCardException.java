package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransportException;

/** No card is on the reader. */
public final class NoCardException extends CardTransportException {

    private static final long serialVersionUID = 1L;

    public NoCardException(String readerName) {
        super("no card on " + readerName);
    }
}
