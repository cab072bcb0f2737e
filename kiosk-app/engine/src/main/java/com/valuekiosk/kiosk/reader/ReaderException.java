package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransportException;

/** The reader failed (not the card): unplugged, PC/SC error, no service. */
public class ReaderException extends CardTransportException {

    private static final long serialVersionUID = 1L;

    public ReaderException(String message) {
        super(message);
    }

    public ReaderException(String message, Throwable cause) {
        super(message, cause);
    }
}
