package com.valuekiosk.card.host;

/** The SELECT answer: which of our applets, its version and whether it is personalised yet. */
public record AppletInfo(Kind kind, int version, boolean operational) {

    public enum Kind { CREDIT_CARD, PURSE }

    static AppletInfo parse(byte[] data) {
        if (data.length != CardProtocol.SELECT_RESPONSE_LENGTH) {
            throw new MalformedResponseException("SELECT answered " + data.length + " bytes, expected "
                    + CardProtocol.SELECT_RESPONSE_LENGTH);
        }
        Kind kind = switch (data[0]) {
            case CardProtocol.APPLET_KIND_CREDIT -> Kind.CREDIT_CARD;
            case CardProtocol.APPLET_KIND_PURSE -> Kind.PURSE;
            default -> throw new MalformedResponseException("unknown applet kind " + data[0]);
        };
        return new AppletInfo(kind, data[1] & 0xFF, data[2] == CardProtocol.LIFE_CYCLE_OPERATIONAL);
    }
}
