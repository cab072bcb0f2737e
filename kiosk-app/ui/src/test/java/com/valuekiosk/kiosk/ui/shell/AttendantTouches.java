package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.server.testing.MutableClock;
import javafx.scene.Node;
import javafx.scene.input.MouseButton;

/** How an attendant reaches the attendant screen in kiosk mode and types the code, for the tests that need it. */
public final class AttendantTouches {

    private final ScreenRobot robot;
    private final MutableClock clock;

    /** {@code clock} is the one kiosk mode's {@link AttendantGesture} reads, moved by hand to hold the title. */
    public AttendantTouches(ScreenRobot robot, MutableClock clock) {
        this.robot = robot;
        this.clock = clock;
    }

    /** Holds the header title long enough and lets go on it: the attendant screen opens. */
    public void openAttendantScreen() {
        robot.moveTo("#header-title").press(MouseButton.PRIMARY);
        clock.advance(AttendantGesture.HOLD.plusMillis(200));
        robot.release(MouseButton.PRIMARY);
        assertThat(robot.lookup("#attendant-screen").tryQuery()).isPresent();
    }

    /** Touches {@code digits} on the attendant screen's own keypad. */
    public void type(String digits) {
        Node attendant = robot.lookup("#attendant-screen").query();
        for (char digit : digits.toCharArray()) {
            robot.clickOn(robot.from(attendant).lookup("#key-" + digit).queryButton());
        }
    }
}
