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

    /**
     * The SELECT answer; on an operational card it carries the card's data and says whether a purse shares the
     * chip (APDU.md 5.1).
     *
     * @throws MalformedResponseException when the answer does not match its layout, or is not a credit card's
     */
    public AppletInfo select() throws CardTransportException, CardStatusException {
        AppletInfo info = AppletInfo.parse(send("SELECT credit card", CardCommands.select(Aids.CREDIT_CARD), -1));
        if (info.kind() != AppletInfo.Kind.CREDIT_CARD) {
            throw new MalformedResponseException("SELECT credit card answered as a " + info.kind());
        }
        return info;
    }

    /** GET DATA: for diagnostics and cards whose SELECT answer carries no data (version 1). */
    public CreditCardData readCardData() throws CardTransportException, CardStatusException {
        return CreditCardData.parse(send("GET DATA", CardCommands.getData(), -1));
    }

    /** The card's data from its SELECT answer {@code selected}, or by GET DATA when the answer had none. */
    public CreditCardData cardData(AppletInfo selected) throws CardTransportException, CardStatusException {
        return selected.creditCard().isPresent() ? selected.creditCard().get() : readCardData();
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
