package com.valuekiosk.card.host;

import static com.valuekiosk.card.host.CardProtocol.*;

import com.valuekiosk.card.host.internal.Currencies;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * Personalisation (R-CA3): SELECT, one PUT DATA per item, then ACTIVATE, after which the card
 * refuses every personalisation command. Card keys are derived from the issuer master keys and
 * the card number; APDUs that carried a key or the PIN are wiped after sending.
 */
public final class Personalisation {

    private Personalisation() {
    }

    public static void personalise(CardTransport card, CreditCardProfile profile, IssuerMasterKeys issuer)
            throws CardTransportException, CardStatusException {
        new CreditCardApplication(card).select();
        put(card, TAG_CREDIT_CARD_NUMBER, profile.cardNumber().toBcd());
        put(card, TAG_CREDIT_EXPIRY, CreditCardData.expiryBcd(profile.expiry()));
        put(card, TAG_CREDIT_HOLDER_NAME, profile.holderName().getBytes(StandardCharsets.US_ASCII));
        put(card, TAG_CREDIT_PIN, profile.pin().getBytes(StandardCharsets.US_ASCII));
        put(card, TAG_CREDIT_CARD_KEY, issuer.cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, profile.cardNumber()));
        send(card, "ACTIVATE", CardCommands.activate());
    }

    public static void personalise(CardTransport card, PurseProfile profile, IssuerMasterKeys issuer)
            throws CardTransportException, CardStatusException {
        new PurseApplication(card).select();
        put(card, TAG_PURSE_CARD_NUMBER, profile.cardNumber().toBcd());
        put(card, TAG_PURSE_CURRENCY, Currencies.toBcd(profile.currency()));
        put(card, TAG_PURSE_MAXIMUM_BALANCE, Bytes.amount(profile.maximumBalance()));
        put(card, TAG_PURSE_INITIAL_BALANCE, Bytes.amount(profile.initialBalance()));
        put(card, TAG_PURSE_CREDIT_KEY, issuer.cardKey(KeyUsage.PURSE_CREDIT, profile.cardNumber()));
        put(card, TAG_PURSE_DEBIT_KEY, issuer.cardKey(KeyUsage.PURSE_DEBIT, profile.cardNumber()));
        send(card, "ACTIVATE", CardCommands.activate());
    }

    private static void put(CardTransport card, byte tag, byte[] value) throws CardTransportException, CardStatusException {
        byte[] apdu = CardCommands.putData(tag, value);
        try {
            send(card, String.format("PUT DATA %02X", tag), apdu);
        } finally {
            Arrays.fill(apdu, (byte) 0);
            Arrays.fill(value, (byte) 0);
        }
    }

    private static void send(CardTransport card, String what, byte[] apdu) throws CardTransportException, CardStatusException {
        CardResponse.parse(card.transmit(apdu)).requireSuccess(what, 0);
    }
}
