package com.valuekiosk.kiosk.ui;

import java.util.List;
import java.util.Objects;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Where the person is in what they came to do, for the step bar under the header: a purchase (cards, PIN and
 * amount → payment → receipt → charge-up) or a charge-up on its own (place the card → confirm → done). Read
 * from the screens the navigator shows, so no screen has to report it: the menu ends a journey, the purchase
 * screen starts one, the charge-up screens continue a purchase or start a charge-up. An error keeps the step
 * where it happened. FX thread only.
 */
public final class Journey {

    /** The two journeys and their steps' names. */
    public enum Kind {
        PURCHASE(List.of(Keys.STEP_CARDS_PIN_AMOUNT, Keys.STEP_PAYMENT, Keys.STEP_RECEIPT, Keys.STEP_CHARGE_UP)),
        CHARGE_UP(List.of(Keys.STEP_PLACE_CARD, Keys.STEP_CONFIRM, Keys.STEP_DONE));

        private final List<String> stepKeys;

        Kind(List<String> stepKeys) {
            this.stepKeys = stepKeys;
        }

        public List<String> stepKeys() {
            return stepKeys;
        }
    }

    private final ReadOnlyObjectWrapper<Kind> kind = new ReadOnlyObjectWrapper<>(this, "kind");
    private final ReadOnlyIntegerWrapper step = new ReadOnlyIntegerWrapper(this, "step");
    private final ReadOnlyBooleanWrapper finished = new ReadOnlyBooleanWrapper(this, "finished");

    public Journey(Navigator navigator) {
        Objects.requireNonNull(navigator, "navigator");
        navigator.currentProperty().addListener((o, was, now) -> follow(now));
        follow(navigator.current());
    }

    private void follow(Screen screen) {
        Kind now = kind.get();
        switch (screen) {
            case MENU, BALANCE -> set(null, 0, false);
            case PURCHASE -> set(Kind.PURCHASE, 0, false);
            case PROCESSING -> {
                if (now == Kind.PURCHASE && step.get() == 0) {
                    set(Kind.PURCHASE, 1, false); // TRANSMIT: the card checks the PIN, the credit company bills
                }
            }
            case RECEIPT -> set(Kind.PURCHASE, 2, false);
            case CHARGE_UP -> set(now == Kind.PURCHASE ? Kind.PURCHASE : Kind.CHARGE_UP, now == Kind.PURCHASE ? 3 : 0, false);
            case CONFIRM -> set(now == Kind.PURCHASE ? Kind.PURCHASE : Kind.CHARGE_UP, now == Kind.PURCHASE ? 3 : 1, false);
            case COMPLETED, KEPT_FOR_LATER -> set(now == Kind.PURCHASE ? Kind.PURCHASE : Kind.CHARGE_UP,
                    now == Kind.PURCHASE ? 3 : 2, true);
            case ERROR -> {
                // The step where it went wrong stays marked.
            }
        }
    }

    private void set(Kind newKind, int newStep, boolean done) {
        kind.set(newKind);
        step.set(newStep);
        finished.set(done);
    }

    /** The journey under way, or null (menu, balance inquiry). */
    public ReadOnlyObjectProperty<Kind> kindProperty() {
        return kind.getReadOnlyProperty();
    }

    /** The step the person is at, from 0. */
    public ReadOnlyIntegerProperty stepProperty() {
        return step.getReadOnlyProperty();
    }

    /** True once the last step is done (charged up, or the VALUE kept for later). */
    public ReadOnlyBooleanProperty finishedProperty() {
        return finished.getReadOnlyProperty();
    }
}
