package com.valuekiosk.card.host;

import java.util.Arrays;

/**
 * The terminal side of the credit card applet (R-CA1): the commands of FIG. 7's first half, one
 * method each, over any {@link CardTransport}.
 */
public final class CreditCardApplication {

    private final CardTransport card;

    public CreditCardApplication(CardTransport card) {
        this.card = card;
    }

    public AppletInfo select() throws CardTransportException, CardStatusException {
        return AppletInfo.parse(send("SELECT credit card", CardCommands.select(Aids.CREDIT_CARD), -1));
    }

    public CreditCardData readCardData() throws CardTransportException, CardStatusException {
        return CreditCardData.parse(send("GET DATA", CardCommands.getData(), -1));
    }

    /**
     * Sends the PIN to the card, which checks it. The APDU holding the PIN is wiped here; the
     * caller wipes {@code pin}. A wrong PIN throws with {@link CardStatusException#pinTriesRemaining()}.
     */
    public void verifyPin(char[] pin) throws CardTransportException, CardStatusException {
        byte[] apdu = CardCommands.verify(pin);
        try {
            send("VERIFY", apdu, 0);
        } finally {
            Arrays.fill(apdu, (byte) 0);
        }
    }

    /** Tries left before the PIN blocks, or -1 when it is verified right now. */
    public int pinTriesRemaining() throws CardTransportException, CardStatusException {
        CardResponse response = CardResponse.parse(card.transmit(CardCommands.pinStatus()));
        if (response.isSuccess()) {
            return -1;
        }
        CardStatusException refusal = new CardStatusException("VERIFY (status)", response.sw());
        if (refusal.pinTriesRemaining() < 0) {
            throw refusal;
        }
        return refusal.pinTriesRemaining();
    }

    /** Only after {@link #verifyPin}; one authorisation per verification. */
    public PurchaseAuthorization authorizePurchase(PurchaseRequest request) throws CardTransportException, CardStatusException {
        return PurchaseAuthorization.parse(send("AUTHORIZE PURCHASE", CardCommands.authorizePurchase(request),
                CardProtocol.AUTHORIZE_RESPONSE_LENGTH));
    }

    private byte[] send(String what, byte[] command, int expectedLength) throws CardTransportException, CardStatusException {
        return CardResponse.parse(card.transmit(command)).requireSuccess(what, expectedLength);
    }
}
