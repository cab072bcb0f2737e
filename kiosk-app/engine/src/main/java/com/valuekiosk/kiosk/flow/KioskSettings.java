package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.TerminalId;
import java.util.Currency;
import java.util.Objects;

/** What the flows need to know about this kiosk: who it is, and what and how it sells ({@link SaleSettings}). */
public record KioskSettings(TerminalId terminal, SaleSettings sale) {

    public KioskSettings {
        Objects.requireNonNull(terminal, "terminal");
        Objects.requireNonNull(sale, "sale");
    }

    public Currency currency() {
        return sale.currency();
    }

    public long minimumPurchase() {
        return sale.minimumPurchase();
    }

    public long maximumPurchase() {
        return sale.maximumPurchase();
    }
}
