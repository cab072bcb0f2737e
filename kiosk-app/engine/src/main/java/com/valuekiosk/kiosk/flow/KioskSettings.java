package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.TerminalId;
import java.util.Currency;

/** What the flows need to know about this kiosk. */
public record KioskSettings(TerminalId terminal, Currency currency, long minimumPurchase, long maximumPurchase) {

    public KioskSettings {
        if (minimumPurchase < 1 || maximumPurchase < minimumPurchase) {
            throw new IllegalArgumentException("purchase limits must satisfy 1 <= minimum <= maximum");
        }
    }
}
