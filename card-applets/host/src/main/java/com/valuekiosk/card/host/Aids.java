package com.valuekiosk.card.host;

/**
 * Application identifiers of our applets. F0 is ISO 7816-5's proprietary, unregistered
 * category; "VKIOSK" in ASCII follows it. A combo card (R-CA4) carries both applets and the
 * terminal switches between them by SELECT.
 */
public final class Aids {

    private Aids() {
    }

    /** The Java Card package that holds both applets (one CAP file). */
    public static final String PACKAGE = "F0564B494F534B00";
    public static final String CREDIT_CARD = "F0564B494F534B01";
    public static final String PURSE = "F0564B494F534B02";

    static byte[] bytes(String aid) {
        return Bytes.fromHex(aid);
    }
}
