package com.valuekiosk.kiosk.ui.menu;

import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.balance.BalanceViewModel;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpProcess;
import com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel;
import java.util.Objects;

/** FIG. 9A: the three services. */
public final class MenuViewModel implements Resettable {

    private final PurchaseViewModel purchase;
    private final BalanceViewModel balance;
    private final ChargeUpProcess chargeUp;

    private final boolean sellsValue;

    public MenuViewModel(PurchaseViewModel purchase, BalanceViewModel balance, ChargeUpProcess chargeUp) {
        this(purchase, balance, chargeUp, true);
    }

    /** {@code sellsValue}: false on a home terminal (R-KI6), whose menu has no purchase. */
    public MenuViewModel(PurchaseViewModel purchase, BalanceViewModel balance, ChargeUpProcess chargeUp, boolean sellsValue) {
        this.purchase = Objects.requireNonNull(purchase, "purchase");
        this.balance = Objects.requireNonNull(balance, "balance");
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
        purchase.begin();
    }

    public void balanceInquiry() {
        balance.inquire();
    }

    public void chargeUp() {
        chargeUp.begin();
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}
