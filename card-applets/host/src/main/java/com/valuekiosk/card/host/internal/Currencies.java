package com.valuekiosk.card.host.internal;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.MalformedResponseException;
import java.util.Currency;

/** ISO 4217 numeric currency codes as 2 bytes of BCD ("0392" for JPY). */
public final class Currencies {

    private Currencies() {
    }

    public static byte[] toBcd(Currency currency) {
        return Bcd.encode(String.format("%04d", currency.getNumericCode()));
    }

    public static Currency fromBcd(byte[] bytes, int offset) {
        int numeric = Integer.parseInt(Bcd.decode(bytes, offset, CardProtocol.CURRENCY_LENGTH));
        return Currency.getAvailableCurrencies().stream()
                .filter(c -> c.getNumericCode() == numeric)
                .findFirst()
                .orElseThrow(() -> new MalformedResponseException("unknown ISO 4217 currency " + numeric));
    }
}
