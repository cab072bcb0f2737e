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

    public MenuViewModel(PurchaseViewModel purchase, BalanceViewModel balance, ChargeUpProcess chargeUp) {
        this.purchase = Objects.requireNonNull(purchase, "purchase");
        this.balance = Objects.requireNonNull(balance, "balance");
        this.chargeUp = Objects.requireNonNull(chargeUp, "chargeUp");
    }

    public void purchase() {
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
