package com.valuekiosk.kiosk.ui.chargeup;

import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.TypedDigits;
import java.util.Objects;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;

/**
 * FIG. 10A: "place your e-money card" and, when the flow says PASSWORD_NEEDED, the password typed on the
 * keypad (shown as circles) and TRANSMIT. A card without a password never sees the password part. There is no
 * button for "my card is on the reader": the card's arrival on the reader starts the flow ({@link ChargeUpProcess}).
 */
public final class ChargeUpViewModel implements Resettable {

    public static final int PASSWORD_MAXIMUM = 8;

    private final ChargeUpProcess process;
    private final Navigator navigator;
    private final TypedDigits password = new TypedDigits(PASSWORD_MAXIMUM);
    private final BooleanBinding canTransmit = password.lengthProperty().greaterThan(0);

    public ChargeUpViewModel(ChargeUpProcess process, Navigator navigator) {
        this.process = Objects.requireNonNull(process, "process");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
    }

    public void type(char digit) {
        password.append(digit);
    }

    public void deleteLast() {
        password.deleteLast();
    }

    public void clear() {
        password.wipe();
    }

    /** TRANSMIT: the password leaves this screen in one char array that the flow wipes when it ends. */
    public void transmit() {
        if (canTransmit.get()) {
            process.submitPassword(password.take());
        }
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    /** The card stayed on the reader after its charge-up: "take it away and tap it again". */
    public ReadOnlyBooleanProperty lingeringProperty() {
        return process.lingeringProperty();
    }

    public ReadOnlyBooleanProperty notEmoneyProperty() {
        return process.notEmoneyProperty();
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return process.passwordNeededProperty();
    }

    public ReadOnlyBooleanProperty passwordWrongProperty() {
        return process.passwordWrongProperty();
    }

    public ReadOnlyIntegerProperty passwordLengthProperty() {
        return password.lengthProperty();
    }

    public BooleanBinding canTransmitProperty() {
        return canTransmit;
    }

    @Override
    public void reset() {
        password.wipe();
    }
}
