package com.valuekiosk.kiosk.ui.chargeup;

import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;

/**
 * FIG. 10C ("charged up with ¥2,000 / The balance after charging-up is ¥3,000") and, after NO on FIG. 10B,
 * "kept for later" with the amount that stays reserved.
 */
public final class CompletedViewModel implements Resettable {

    private final ChargeUpProcess process;
    private final Navigator navigator;

    public CompletedViewModel(ChargeUpProcess process, Navigator navigator) {
        this.process = Objects.requireNonNull(process, "process");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    public ReadOnlyLongProperty chargedProperty() {
        return process.chargedProperty();
    }

    public ReadOnlyLongProperty balanceAfterProperty() {
        return process.balanceAfterProperty();
    }

    /** What stays reserved after NO. */
    public ReadOnlyLongProperty keptProperty() {
        return process.availableProperty();
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}
