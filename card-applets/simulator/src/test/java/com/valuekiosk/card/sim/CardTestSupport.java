package com.valuekiosk.card.sim;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;

/** Small helpers the applet tests share: raw APDUs in hex, status words, demo keys. */
final class CardTestSupport {

    static final IssuerMasterKeys ISSUER = IssuerMasterKeys.demo();
    private static final java.util.Map<AppletCode, SimulatedCardFactory> FACTORIES = new java.util.concurrent.ConcurrentHashMap<>();

    private CardTestSupport() {
    }

    /** The demo issuer's card factory for applets run on {@code code}. */
    static SimulatedCardFactory factory(AppletCode code) {
        return FACTORIES.computeIfAbsent(code, c -> new SimulatedCardFactory(ISSUER, c));
    }

    static byte[] send(SimulatedCard card, String hex) {
        return card.transmit(Bytes.fromHex(hex.replace(" ", "")));
    }

    static byte[] send(SimulatedCard card, byte[] command) {
        return card.transmit(command);
    }

    static int sw(byte[] response) {
        return ((response[response.length - 2] & 0xFF) << 8) | (response[response.length - 1] & 0xFF);
    }

    static String swHex(byte[] response) {
        return String.format("%04X", sw(response));
    }

    static byte[] key(KeyUsage usage, CardNumber card) {
        return ISSUER.cardKey(usage, card);
    }
}
