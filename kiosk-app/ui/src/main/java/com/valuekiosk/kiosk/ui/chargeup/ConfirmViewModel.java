package com.valuekiosk.kiosk.ui.chargeup;

import com.valuekiosk.kiosk.ui.Resettable;
import java.util.Objects;
import javafx.beans.property.ReadOnlyLongProperty;

/**
 * FIG. 10B: "amount available for charging-up: ¥2,000 / Would you like to charge up?" YES / NO, with the card's
 * balance now and after YES, and what NO does.
 */
public final class ConfirmViewModel implements Resettable {

    private final ChargeUpProcess process;

    public ConfirmViewModel(ChargeUpProcess process) {
        this.process = Objects.requireNonNull(process, "process");
    }

    public void yes() {
        process.confirm(true);
    }

    /** NO keeps the VALUE on the server for a later charge-up. */
    public void no() {
        process.confirm(false);
    }

    public ReadOnlyLongProperty availableProperty() {
        return process.availableProperty();
    }

    public ReadOnlyLongProperty balanceBeforeProperty() {
        return process.balanceBeforeProperty();
    }

    /** What the card will hold after YES. */
    public long balanceAfter() {
        return process.balanceBeforeProperty().get() + process.availableProperty().get();
    }

    /** True when YES would take the card over its maximum: the screen says so before the person answers. */
    public boolean overMaximum() {
        return balanceAfter() > process.maximumBalanceProperty().get();
    }

    public ReadOnlyLongProperty maximumBalanceProperty() {
        return process.maximumBalanceProperty();
    }

    @Override
    public void reset() {
        // nothing typed here
    }
}
