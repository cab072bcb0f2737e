package com.valuekiosk.card.host;

/** No answer from the card: the reader failed, or the card left the field during the command. */
public class CardTransportException extends Exception {

    private static final long serialVersionUID = 1L;

    public CardTransportException(String message) {
        super(message);
    }

    public CardTransportException(String message, Throwable cause) {
        super(message, cause);
    }
}
