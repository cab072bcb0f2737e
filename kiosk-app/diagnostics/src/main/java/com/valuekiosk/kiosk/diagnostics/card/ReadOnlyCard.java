package com.valuekiosk.kiosk.diagnostics.card;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import java.util.Objects;

/**
 * The applets check's guard: it lets through only commands that read — SELECT, GET DATA, READ RECORD — and refuses
 * everything else (VERIFY, CREDIT, DEBIT, PUT DATA …) before it reaches the card. So whatever the code above does, a
 * diagnosis never uses up a PIN try or changes a purse.
 */
public final class ReadOnlyCard implements CardTransport {

    private final CardTransport card;

    public ReadOnlyCard(CardTransport card) {
        this.card = Objects.requireNonNull(card, "card");
    }

    @Override
    public byte[] transmit(byte[] command) throws CardTransportException {
        if (!isRead(command)) {
            throw new IllegalStateException(String.format("the diagnosis reads only; refused INS %02X",
                    command.length > 1 ? command[1] & 0xFF : -1));
        }
        return card.transmit(command);
    }

    /** SELECT, GET DATA, READ RECORD (and GET RESPONSE, which the engine's transport sends itself). */
    public static boolean isRead(byte[] command) {
        if (command == null || command.length < 4) {
            return false;
        }
        byte ins = command[1];
        return ins == CardProtocol.INS_SELECT || ins == CardProtocol.INS_GET_DATA
                || ins == CardProtocol.INS_READ_RECORD || ins == (byte) 0xC0;
    }
}
