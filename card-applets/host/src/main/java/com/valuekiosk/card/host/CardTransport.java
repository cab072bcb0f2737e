package com.valuekiosk.card.host;

/**
 * One command APDU to the card, one response APDU (data and status word) back. Readers — PC/SC or
 * simulated — implement this; everything in this library talks to cards through it.
 */
@FunctionalInterface
public interface CardTransport {

    /**
     * Sends {@code command} and returns the raw response, at least the two status word bytes.
     *
     * @throws CardTransportException when no answer came back (reader failure, card removed)
     */
    byte[] transmit(byte[] command) throws CardTransportException;
}
