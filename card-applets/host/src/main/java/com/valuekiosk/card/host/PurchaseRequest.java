package com.valuekiosk.card.host;

import com.valuekiosk.card.host.internal.ByteArrays;
import com.valuekiosk.card.host.internal.Currencies;
import java.util.Currency;

/**
 * What the credit card authorises: an amount in minor units, its currency, the e-money card that
 * will receive the VALUE, and the terminal that asks.
 */
public record PurchaseRequest(long amount, Currency currency, CardNumber emoneyCard, TerminalId terminal) {

    public PurchaseRequest {
        if (amount <= 0 || amount > Bytes.MAX_AMOUNT) {
            throw new IllegalArgumentException("a purchase amount is 1.." + Bytes.MAX_AMOUNT + " minor units, not " + amount);
        }
        if (currency == null || emoneyCard == null || terminal == null) {
            throw new IllegalArgumentException("currency, e-money card and terminal are required");
        }
    }

    /** AUTHORIZE PURCHASE data: amount 4, currency 2, e-money card number 8, terminal id 8. */
    byte[] commandData() {
        return ByteArrays.concat(Bytes.amount(amount), Currencies.toBcd(currency), emoneyCard.toBcd(), terminal.toBytes());
    }
}
