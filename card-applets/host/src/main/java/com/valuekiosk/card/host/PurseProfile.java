package com.valuekiosk.card.host;

import java.util.Currency;
import java.util.Objects;

/** What a purse is personalised with. Amounts in the currency's minor unit. */
public record PurseProfile(CardNumber cardNumber, Currency currency, long maximumBalance, long initialBalance) {

    public PurseProfile {
        Objects.requireNonNull(cardNumber, "cardNumber");
        Objects.requireNonNull(currency, "currency");
        if (maximumBalance <= 0 || maximumBalance > Bytes.MAX_AMOUNT) {
            throw new IllegalArgumentException("maximum balance is 1.." + Bytes.MAX_AMOUNT);
        }
        if (initialBalance < 0 || initialBalance > maximumBalance) {
            throw new IllegalArgumentException("initial balance is 0..maximum balance");
        }
    }
}
