package com.valuekiosk.card.issuer;

import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import javax.smartcardio.CardChannel;
import javax.smartcardio.CardException;
import javax.smartcardio.CommandAPDU;

/** A PC/SC card's basic channel as the host library's {@link CardTransport}. */
final class PcscTransport implements CardTransport {

    private final CardChannel channel;

    PcscTransport(CardChannel channel) {
        this.channel = channel;
    }

    @Override
    public byte[] transmit(byte[] command) throws CardTransportException {
        try {
            return channel.transmit(new CommandAPDU(command)).getBytes();
        } catch (CardException | IllegalStateException e) {
            throw new CardTransportException("the reader did not answer: " + e.getMessage(), e);
        }
    }
}
