package com.valuekiosk.kiosk.ui;

import javafx.scene.control.Labeled;
import org.testfx.api.FxRobot;

/** The robot of the screen tests, with the steps they all take on the kiosk's screens. */
public class ScreenRobot extends FxRobot {

    /** Touches the PIN field, then the keypad's digits one by one, as a person does. */
    public ScreenRobot typePin(String pin) {
        clickOn("#pin-field");
        for (char digit : pin.toCharArray()) {
            clickOn("#key-" + digit);
        }
        return this;
    }

    /**
     * The kiosk asks for the credit card left in the slot before it shows its menu ("Please take your card");
     * the person takes it and the menu opens.
     */
    public void takeCreditCardBack(KioskUi ui, com.valuekiosk.kiosk.simulated.SimulatedReader contact) {
        org.assertj.core.api.Assertions.assertThat(ui.navigator().current()).as("the card left in the slot is asked for")
                .isEqualTo(Screen.TAKE_CARD);
        moveCards(contact::remove);
        org.assertj.core.api.Assertions.assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);
    }

    /** The text of a label or button; "(no #id)" when there is none, so that a failed assertion names it. */
    public String text(String query) {
        return lookup(query).tryQuery().map(node -> ((Labeled) node).getText()).orElse("(no " + query + ")");
    }

    /** What a screen reader says of a node beyond its name (its accessible help), e.g. a screen's instruction. */
    public String help(String query) {
        return lookup(query).tryQuery().map(node -> node.getAccessibleHelp()).orElse("(no " + query + ")");
    }

    public boolean visible(String query) {
        return lookup(query).query().isVisible();
    }

    public boolean disabled(String query) {
        return lookup(query).query().isDisabled();
    }

    /**
     * Places or takes away cards on the FX thread, where the card panel does it, so that the card events
     * (and, with current-thread background work, the flows they start) have reached the screens on return.
     */
    public void moveCards(Runnable placing) {
        interact(placing);
    }
}
