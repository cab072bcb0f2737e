package com.valuekiosk.kiosk.demo.usability;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What one recorded session comes to: how long it took, the screens entered (the processing screen aside, the
 * first one included), the touches on controls (keypad aside), the keypad touches (PIN digits among them, never
 * told apart), missed touches (on no control), errors shown, "back to menu" touches, and every visit of a screen
 * with its time. Computed from the session's events alone.
 */
public record SessionFigures(long millis, int screens, int touches, int keypadTouches, int missedTouches, int errors,
                             int backs, List<Visit> visits) {

    /** One stay on a screen: entered {@code atMillis} after the start, for {@code millis}. */
    public record Visit(String screen, long atMillis, long millis) {
    }

    public SessionFigures {
        visits = List.copyOf(visits);
    }

    public static SessionFigures of(SessionRecorder.Session session) {
        Objects.requireNonNull(session, "session");
        List<SessionRecorder.Event> events = session.events();
        long end = events.isEmpty() ? 0 : events.get(events.size() - 1).atMillis();
        int screens = 0;
        int touches = 0;
        int keypad = 0;
        int missed = 0;
        int errors = 0;
        int backs = 0;
        List<Visit> visits = new ArrayList<>();
        String screen = null;
        long enteredAt = 0;
        for (SessionRecorder.Event event : events) {
            switch (event.kind()) {
                case "SCREEN" -> {
                    if (screen != null) {
                        visits.add(new Visit(screen, enteredAt, event.atMillis() - enteredAt));
                    }
                    screen = event.detail();
                    enteredAt = event.atMillis();
                    if (!screen.equals("PROCESSING")) {
                        screens++;
                    }
                }
                case "TOUCH" -> {
                    if (event.detail().equals("keypad")) {
                        keypad++;
                    } else if (event.detail().isEmpty()) {
                        missed++;
                    } else {
                        touches++;
                    }
                }
                case "ERROR" -> errors++;
                case "BACK" -> backs++;
                default -> { }
            }
        }
        if (screen != null) {
            visits.add(new Visit(screen, enteredAt, end - enteredAt));
        }
        return new SessionFigures(end, screens, touches, keypad, missed, errors, backs, visits);
    }

    /** Whether the session ended with its task done ({@link SessionRecorder#TASK_DONE}). */
    public static boolean taskDone(SessionRecorder.Session session) {
        return SessionRecorder.TASK_DONE.contains(session.outcome());
    }
}
