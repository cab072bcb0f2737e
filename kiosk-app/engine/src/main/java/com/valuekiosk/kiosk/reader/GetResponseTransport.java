package com.valuekiosk.kiosk.reader;

import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import java.io.ByteArrayOutputStream;
import java.util.Arrays;
import java.util.Objects;

/**
 * T=0 answer handling around a raw transport, with a bounded loop ("no open loops"):
 * <ul>
 *   <li>{@code 61xx} — more data waiting: GET RESPONSE ({@code 00 C0 00 00 xx}), data gathered across
 *       rounds;</li>
 *   <li>{@code 6Cxx} — wrong Le: the same command again with Le = xx.</li>
 * </ul>
 * After {@value #MAX_ROUNDS} extra rounds the card is given up on. Our applets never answer 61xx or 6Cxx
 * (APDU.md 2), and the JDK's PC/SC provider usually does this itself; this is for the cards and stacks
 * that do not.
 */
public final class GetResponseTransport implements CardTransport {

    /** Extra exchanges allowed for one command. */
    public static final int MAX_ROUNDS = 8;

    private static final int SW1_MORE_DATA = 0x61;
    private static final int SW1_WRONG_LE = 0x6C;
    private static final byte INS_GET_RESPONSE = (byte) 0xC0;

    private final CardTransport raw;

    public GetResponseTransport(CardTransport raw) {
        this.raw = Objects.requireNonNull(raw, "raw");
    }

    @Override
    public byte[] transmit(byte[] command) throws CardTransportException {
        Objects.requireNonNull(command, "command");
        byte[] response = exchange(command);
        if (command.length < 4) {
            return response; // not an APDU: whatever the card said about it
        }
        ByteArrayOutputStream gathered = new ByteArrayOutputStream();
        for (int round = 0; ; round++) {
            int sw1 = response[response.length - 2] & 0xFF;
            int sw2 = response[response.length - 1] & 0xFF;
            if (sw1 != SW1_MORE_DATA && sw1 != SW1_WRONG_LE) {
                break;
            }
            if (round == MAX_ROUNDS) {
                throw new CardTransportException(String.format(
                        "the card still answered %02X%02X after %d GET RESPONSE / re-send rounds", sw1, sw2, MAX_ROUNDS));
            }
            if (sw1 == SW1_WRONG_LE) {
                response = exchange(withLe(command, sw2));
            } else {
                gathered.write(response, 0, response.length - 2);
                response = exchange(new byte[] {(byte) (command[0] & 0x03), INS_GET_RESPONSE, 0x00, 0x00, (byte) sw2});
            }
        }
        if (gathered.size() == 0) {
            return response;
        }
        gathered.write(response, 0, response.length);
        return gathered.toByteArray();
    }

    private byte[] exchange(byte[] command) throws CardTransportException {
        byte[] response = raw.transmit(command);
        if (response == null || response.length < 2) {
            throw new CardTransportException("the card's answer is shorter than a status word");
        }
        return response;
    }

    /** The same short command with Le = {@code le} (case 1 → 2, case 3 → 4, or Le replaced). */
    static byte[] withLe(byte[] command, int le) {
        if (command.length == 4) {
            return append(command, le);
        }
        if (command.length == 5) {
            byte[] copy = command.clone();
            copy[4] = (byte) le;
            return copy;
        }
        int lc = command[4] & 0xFF;
        if (command.length == 5 + lc) {
            return append(command, le);
        }
        byte[] copy = command.clone();
        copy[copy.length - 1] = (byte) le;
        return copy;
    }

    private static byte[] append(byte[] command, int le) {
        byte[] copy = Arrays.copyOf(command, command.length + 1);
        copy[command.length] = (byte) le;
        return copy;
    }
}
