package com.valuekiosk.card.host;

import java.util.Arrays;
import java.util.Objects;
import java.util.Optional;

/**
 * The SELECT answer (APDU.md 3.1): which of our applets, its version and whether it is personalised yet; on an
 * operational card of version 2 also the card's data — what GET DATA answers — so that a terminal needs no
 * GET DATA, and for the credit card whether a purse shares the chip (a combo card, FIG. 14B).
 *
 * <p>{@link #creditCard()} and {@link #purse()} are empty in personalisation and on version 1 cards, whose
 * answer is the first 3 bytes only: a terminal reads those with GET DATA. {@link #purseOnCard()} is empty when
 * the card does not say (not a credit card, not operational, version 1).
 */
public record AppletInfo(Kind kind, int version, boolean operational, Optional<CreditCardData> creditCard,
                         Optional<PurseData> purse, Optional<Boolean> purseOnCard) {

    public enum Kind { CREDIT_CARD, PURSE }

    /** The first version whose SELECT answer carries the card's data. */
    public static final int VERSION_WITH_DATA = 2;

    public AppletInfo {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(creditCard, "creditCard");
        Objects.requireNonNull(purse, "purse");
        Objects.requireNonNull(purseOnCard, "purseOnCard");
    }

    /** An answer without data: personalisation, or a version 1 card. */
    public AppletInfo(Kind kind, int version, boolean operational) {
        this(kind, version, operational, Optional.empty(), Optional.empty(), Optional.empty());
    }

    /**
     * @throws MalformedResponseException when the answer does not match its layout: shorter than 3 bytes, an
     *         unknown kind, data in personalisation, missing or odd data on an operational version 2 card
     */
    public static AppletInfo parse(byte[] data) {
        if (data.length < CardProtocol.SELECT_RESPONSE_LENGTH) {
            throw new MalformedResponseException("SELECT answered " + data.length + " bytes, expected at least "
                    + CardProtocol.SELECT_RESPONSE_LENGTH);
        }
        Kind kind = switch (data[0]) {
            case CardProtocol.APPLET_KIND_CREDIT -> Kind.CREDIT_CARD;
            case CardProtocol.APPLET_KIND_PURSE -> Kind.PURSE;
            default -> throw new MalformedResponseException("unknown applet kind " + data[0]);
        };
        int version = data[1] & 0xFF;
        boolean operational = data[2] == CardProtocol.LIFE_CYCLE_OPERATIONAL;
        if (!operational || version < VERSION_WITH_DATA) {
            if (data.length != CardProtocol.SELECT_RESPONSE_LENGTH) {
                throw new MalformedResponseException("SELECT answered " + data.length + " bytes, expected "
                        + CardProtocol.SELECT_RESPONSE_LENGTH + (operational ? " from a version " + version + " card"
                        : " in personalisation"));
            }
            return new AppletInfo(kind, version, operational);
        }
        if (kind == Kind.PURSE) {
            PurseData purse = PurseData.parse(rest(data, CardProtocol.SELECT_RESPONSE_LENGTH, "purse"));
            return new AppletInfo(kind, version, true, Optional.empty(), Optional.of(purse), Optional.empty());
        }
        if (data.length <= CardProtocol.CREDIT_SELECT_DATA_OFFSET) {
            throw new MalformedResponseException("SELECT of the credit card answered " + data.length
                    + " bytes: no flags and no card data");
        }
        int flags = data[CardProtocol.SELECT_RESPONSE_LENGTH] & 0xFF;
        if ((flags & ~CardProtocol.SELECT_FLAG_PURSE_ON_CARD) != 0) {
            throw new MalformedResponseException(String.format("SELECT of the credit card: unknown flags %02X", flags));
        }
        CreditCardData credit = CreditCardData.parse(rest(data, CardProtocol.CREDIT_SELECT_DATA_OFFSET, "credit card"));
        return new AppletInfo(kind, version, true, Optional.of(credit), Optional.empty(),
                Optional.of((flags & CardProtocol.SELECT_FLAG_PURSE_ON_CARD) != 0));
    }

    private static byte[] rest(byte[] data, int offset, String what) {
        if (data.length <= offset) {
            throw new MalformedResponseException("SELECT of the " + what + " answered " + data.length
                    + " bytes: no card data");
        }
        return Arrays.copyOfRange(data, offset, data.length);
    }

    @Override
    public String toString() {
        // The data stays out: a record's toString would show the holder's name and card number.
        return "AppletInfo[" + kind + ", version " + version + (operational ? ", operational" : ", personalisation")
                + (creditCard.isPresent() || purse.isPresent() ? ", with card data" : "")
                + purseOnCard.map(on -> on ? ", purse on the card" : ", no purse on the card").orElse("") + "]";
    }
}
