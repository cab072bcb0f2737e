package com.valuekiosk.kiosk.ui.menu;

import com.valuekiosk.kiosk.ui.Resettable;
import java.util.Objects;

/**
 * FIG. 9A: the three services. Each starts its own screens; the menu knows only how to start them (the
 * composition hands in the commands), not the screens themselves.
 */
public final class MenuViewModel implements Resettable {

    private final Runnable purchase;
    private final Runnable balanceInquiry;
    private final Runnable chargeUp;

    private final boolean sellsValue;

    public MenuViewModel(Runnable purchase, Runnable balanceInquiry, Runnable chargeUp) {
        this(purchase, balanceInquiry, chargeUp, true);
    }

    /** {@code sellsValue}: false on a home terminal (R-KI6), whose menu has no purchase. */
    public MenuViewModel(Runnable purchase, Runnable balanceInquiry, Runnable chargeUp, boolean sellsValue) {
        this.purchase = Objects.requireNonNull(purchase, "purchase");
        this.balanceInquiry = Objects.requireNonNull(balanceInquiry, "balanceInquiry");
        this.chargeUp = Objects.requireNonNull(chargeUp, "chargeUp");
        this.sellsValue = sellsValue;
    }

    /** Whether the menu offers "Purchase VALUE with credit card" (FIG. 9A); not on a home terminal. */
    public boolean sellsValue() {
        return sellsValue;
    }

    public void purchase() {
        if (!sellsValue) {
            throw new IllegalStateException("a home terminal sells no VALUE");
        }
        purchase.run();
    }

    public void balanceInquiry() {
        balanceInquiry.run();
    }

    public void chargeUp() {
        chargeUp.run();
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}
