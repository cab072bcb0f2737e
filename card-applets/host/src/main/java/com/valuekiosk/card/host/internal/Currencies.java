package com.valuekiosk.card.host.internal;

import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.MalformedResponseException;
import java.util.Currency;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** ISO 4217 numeric currency codes as 2 bytes of BCD ("0392" for JPY). */
public final class Currencies {

    /** By ISO 4217 numeric code; built once (the runtime's list has about 300 currencies). */
    private static final Map<Integer, Currency> BY_NUMERIC = Currency.getAvailableCurrencies().stream()
            .filter(c -> c.getNumericCode() > 0)
            .collect(Collectors.toUnmodifiableMap(Currency::getNumericCode, Function.identity(), (a, b) -> a));

    private Currencies() {
    }

    public static byte[] toBcd(Currency currency) {
        int numeric = currency.getNumericCode();
        if (numeric < 0 || numeric > 9999) {
            throw new IllegalArgumentException(currency + " has no ISO 4217 numeric code");
        }
        return new byte[] {(byte) ((numeric / 1000) << 4 | numeric / 100 % 10), (byte) ((numeric / 10 % 10) << 4 | numeric % 10)};
    }

    public static Currency fromBcd(byte[] bytes, int offset) {
        int numeric = Integer.parseInt(Bcd.decode(bytes, offset, CardProtocol.CURRENCY_LENGTH));
        Currency currency = BY_NUMERIC.get(numeric);
        if (currency == null) {
            throw new MalformedResponseException("unknown ISO 4217 currency " + numeric);
        }
        return currency;
    }
}
