package com.valuekiosk.kiosk.demo.usability;

import com.valuekiosk.kiosk.ui.Screen;
import java.util.List;

/**
 * One thing a participant (or a robot) does, or expects to see, in a {@link Scenario}. In the file each step is a
 * map with one key: {@code touch}, {@code type}, {@code insert}, {@code tap}, {@code remove}, {@code pull},
 * {@code language} or {@code expect} (scenarios/README.md).
 */
public sealed interface ScenarioStep {

    /** Touches the control with this node id ({@code menu-purchase}, {@code preset-2000}, {@code transmit}…). */
    record Touch(String nodeId) implements ScenarioStep {
    }

    /**
     * Types digits on the keypad shown, one touch per digit. {@code secret}: a PIN or password, whose digits are
     * never counted as touches of the flow, never logged and never written to a result.
     */
    record Type(String digits, boolean secret) implements ScenarioStep {
    }

    /** Moves a demo card as the card panel does: insert into the slot, tap on the pad, remove from its reader. */
    record MoveCard(Move move, String card) implements ScenarioStep {
    }

    /** The card panel's fault: the e-money card pulled away during the next write (the write or its answer lost). */
    record PullDuringWrite(boolean answerLost) implements ScenarioStep {
    }

    /** The header's language switch ({@code ja} or {@code en}). */
    record Language(String language) implements ScenarioStep {
    }

    /** The screen the kiosk must show (waited for, up to the player's timeout) and texts that must be on it. */
    record Expect(Screen screen, List<String> texts) implements ScenarioStep {
    }

    enum Move {
        INSERT, TAP, REMOVE
    }
}
