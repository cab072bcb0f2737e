package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;

/** A reader between the kiosk and one card that counts the APDUs and the time spent on them. */
final class CountingTransport implements CardTransport {

    private final CardTransport card;
    private long apdus;
    private long nanos;

    CountingTransport(CardTransport card) {
        this.card = card;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardTransportException {
        long started = System.nanoTime();
        try {
            return card.transmit(command);
        } finally {
            nanos += System.nanoTime() - started;
            apdus++;
        }
    }

    long apdus() {
        return apdus;
    }

    long nanos() {
        return nanos;
    }
}
