package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.server.testing.MutableClock;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class AttendantGestureTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final AttendantGesture gesture = new AttendantGesture(clock);

    @Test
    void holdingTheTitleThreeSecondsAndLettingGoOnItOpensTheAttendantScreen() {
        gesture.pressed();
        clock.advance(AttendantGesture.HOLD);
        assertThat(gesture.released(true)).isTrue();
    }

    @Test
    void aTouchOrAShortHoldDoesNot() {
        gesture.pressed();
        assertThat(gesture.released(true)).isFalse();
        gesture.pressed();
        clock.advance(AttendantGesture.HOLD.minusMillis(1));
        assertThat(gesture.released(true)).isFalse();
        assertThat(gesture.released(true)).as("a release without a press").isFalse();
    }

    @Test
    void lettingGoElsewhereOrSomethingRestingOnTheScreenDoesNot() {
        gesture.pressed();
        clock.advance(Duration.ofSeconds(4));
        assertThat(gesture.released(false)).isFalse();
        gesture.pressed();
        clock.advance(AttendantGesture.LONGEST.plusMillis(1));
        assertThat(gesture.released(true)).isFalse();
    }
}
