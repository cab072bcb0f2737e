package com.valuekiosk.card.host;

import java.util.Currency;

/** ISO 4217 numeric currency codes as 2 bytes of BCD ("0392" for JPY). */
public final class Currencies {

    private Currencies() {
    }

    public static byte[] toBcd(Currency currency) {
        return Bytes.digitsToBcd(String.format("%04d", currency.getNumericCode()));
    }

    public static Currency fromBcd(byte[] bytes, int offset) {
        int numeric = Integer.parseInt(Bytes.bcdToDigits(bytes, offset, CardProtocol.CURRENCY_LENGTH));
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getNumericCode() == numeric)
                .findFirst()
                .orElseThrow(() -> new MalformedResponseException("unknown ISO 4217 currency " + numeric));
    }
}
