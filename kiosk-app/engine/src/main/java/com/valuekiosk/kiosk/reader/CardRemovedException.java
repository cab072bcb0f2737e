package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransportException;

/**
 * The card left during a command. Whether the card executed the command is unknown to the
 * terminal: the flows find out by reading the card again (for CREDIT: its sequence number).
 * A card reset under the session by another program ({@code SCARD_W_RESET_CARD}) is reported the same
 * way: its selection and PIN state are gone, and the recovery is the same.
 */
public final class CardRemovedException extends CardTransportException {

    private static final long serialVersionUID = 1L;

    public CardRemovedException(String message) {
        super(message);
    }
}
