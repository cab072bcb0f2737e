package com.valuekiosk.kiosk.ui.shell;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;

/**
 * How an attendant asks for the attendant screen: the header title held down for at least {@link #HOLD}
 * and let go on the title. A customer does not hold a title that does nothing for three seconds by chance;
 * a hand or an object resting on the screen for longer than {@link #LONGEST} does not count either.
 * Pure timing on an injected clock; {@link KioskMode} feeds it the title's press and release.
 */
public final class AttendantGesture {

    public static final Duration HOLD = Duration.ofSeconds(3);
    public static final Duration LONGEST = Duration.ofSeconds(10);

    private final Clock clock;
    private Instant pressedAt;

    public AttendantGesture(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public void pressed() {
        pressedAt = clock.instant();
    }

    /** The title was let go ({@code onTitle}: still over it); true when that completed the gesture. */
    public boolean released(boolean onTitle) {
        Instant since = pressedAt;
        pressedAt = null;
        if (since == null || !onTitle) {
            return false;
        }
        Duration held = Duration.between(since, clock.instant());
        return held.compareTo(HOLD) >= 0 && held.compareTo(LONGEST) <= 0;
    }
}
