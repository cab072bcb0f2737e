package com.valuekiosk.kiosk.demo.usability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import javafx.collections.ListChangeListener;
import javafx.event.EventHandler;
import javafx.geometry.Point2D;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.ButtonBase;
import javafx.scene.input.MouseEvent;

/**
 * Records what a participant does at the kiosk in usability mode (R-UT1): every screen entered (so the time on
 * each), every touch with its position on the kiosk's screen and the control hit — or none, a missed touch —,
 * language and contrast switches, "back to menu", errors shown, idle warnings, and the outcome. Never a PIN or
 * password digit: a touch on the keypad is recorded as "keypad" with no digit and no position (the keys' places
 * would give the digits away); no card number is ever on a recorded text. A session starts at the menu (or when
 * the tester marks it) and ends at a completed or kept charge-up, back at the menu, or the idle timeout. FX thread.
 */
public final class SessionRecorder {

    /** One thing that happened, {@code atMillis} after the session started. Position: kiosk screen pixels, or null. */
    public record Event(long atMillis, String kind, String screen, String detail, Double x, Double y) {
    }

    /** One participant's session. {@code outcome}: completed, kept for later, abandoned, timed out, or open. */
    public record Session(int number, String participant, Instant started, List<Event> events, String outcome) {
    }

    private final KioskUi ui;
    private final Clock clock;
    private final List<Session> finished = new ArrayList<>();
    private final EventHandler<MouseEvent> touches = this::touched;
    private String participant = "";
    private List<Event> events;
    private Instant started;
    private boolean idleWarned;
    private Runnable afterSession = () -> { };

    public SessionRecorder(KioskUi ui, Scene scene, Clock clock) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.clock = Objects.requireNonNull(clock, "clock");
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, touches);
        ui.navigator().currentProperty().addListener((o, was, now) -> screenEntered(now));
        ui.messages().localeProperty().addListener((o, was, now) -> record("LANGUAGE", now.getLanguage(), null));
        ui.highContrastProperty().addListener((o, was, on) -> record("CONTRAST", on ? "on" : "off", null));
        Parent layers = ui.root();
        layers.getChildrenUnmodifiable().addListener((ListChangeListener<Node>) change -> {
            while (change.next()) {
                for (Node added : change.getAddedSubList()) {
                    if ("idle-warning".equals(added.getId())) {
                        idleWarned = true;
                        record("IDLE_WARNING", "", null);
                    }
                }
            }
        });
        if (ui.navigator().current() == Screen.MENU) {
            start(participant);
        }
    }

    /** The tester marks the start of a session for {@code who} (a participant code, never a name). */
    public void start(String who) {
        if (events != null && !events.isEmpty()) {
            end("abandoned");
        }
        participant = who == null ? "" : who;
        started = clock.instant();
        events = new ArrayList<>();
        idleWarned = false;
        record("SCREEN", ui.navigator().current().name(), null);
    }

    private void screenEntered(Screen screen) {
        if (events == null) {
            start(participant);
            return;
        }
        record("SCREEN", screen.name(), null);
        if (screen == Screen.ERROR) {
            Node what = ui.root().lookup("#error-what");
            record("ERROR", what instanceof javafx.scene.control.Labeled label ? label.getText() : "", null);
        }
        if (screen == Screen.COMPLETED) {
            end("completed");
        } else if (screen == Screen.KEPT_FOR_LATER) {
            end("kept for later");
        } else if (screen == Screen.MENU && events.size() > 1) {
            end(idleWarned ? "timed out" : "abandoned");
        }
    }

    private void touched(MouseEvent event) {
        if (events == null) {
            return;
        }
        ButtonBase control = control(event.getPickResult().getIntersectedNode());
        String id = control == null ? "" : Objects.requireNonNullElse(control.getId(), control.getClass().getSimpleName());
        if (id.startsWith("key-")) {
            record("TOUCH", "keypad", null); // neither the digit nor where: the keys' places give digits away
            return;
        }
        Point2D onKiosk = ui.root().sceneToLocal(event.getSceneX(), event.getSceneY());
        record("TOUCH", id, onKiosk);
        if (id.equals("back-to-menu") || id.equals("error-menu")) {
            record("BACK", ui.navigator().current().name(), null);
        }
    }

    private static ButtonBase control(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at instanceof ButtonBase button) {
                return button;
            }
        }
        return null;
    }

    private void record(String kind, String detail, Point2D at) {
        if (events == null) {
            return;
        }
        long millis = clock.millis() - started.toEpochMilli();
        events.add(new Event(millis, kind, ui.navigator().current().name(), detail, at == null ? null : round(at.getX()),
                at == null ? null : round(at.getY())));
    }

    private static double round(double value) {
        return Math.round(value * 10) / 10.0;
    }

    private void end(String outcome) {
        record("END", outcome, null);
        finished.add(new Session(finished.size() + 1, participant, started, List.copyOf(events), outcome));
        events = null;
        afterSession.run();
    }

    /** Runs after each finished session (the demo exports then, so that a crash loses at most the open one). */
    public void afterEachSession(Runnable action) {
        afterSession = Objects.requireNonNull(action, "action");
    }

    /** The sessions finished so far, and the one under way (outcome "open"). */
    public List<Session> sessions() {
        List<Session> all = new ArrayList<>(finished);
        if (events != null) {
            all.add(new Session(finished.size() + 1, participant, started, List.copyOf(events), "open"));
        }
        return all;
    }

    /**
     * Writes {@code sessions.json} (every session with its events) and {@code events.csv} (one row per event:
     * session, participant, millis, kind, screen, detail, x, y) into {@code directory}.
     */
    public void export(Path directory) throws IOException {
        Files.createDirectories(directory);
        new ObjectMapper().findAndRegisterModules().enable(SerializationFeature.INDENT_OUTPUT)
                .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
                .writeValue(directory.resolve("sessions.json").toFile(), sessions().stream().map(SessionRecorder::asMap).toList());
        StringBuilder csv = new StringBuilder("session,participant,millis,kind,screen,detail,x,y\n");
        for (Session session : sessions()) {
            for (Event event : session.events()) {
                csv.append(session.number()).append(',').append(quoted(session.participant())).append(',')
                        .append(event.atMillis()).append(',').append(event.kind()).append(',').append(event.screen())
                        .append(',').append(quoted(event.detail())).append(',')
                        .append(event.x() == null ? "" : String.format(Locale.ROOT, "%.1f", event.x())).append(',')
                        .append(event.y() == null ? "" : String.format(Locale.ROOT, "%.1f", event.y())).append('\n');
            }
        }
        Files.writeString(directory.resolve("events.csv"), csv, StandardCharsets.UTF_8);
    }

    private static java.util.Map<String, Object> asMap(Session session) {
        java.util.Map<String, Object> map = new java.util.LinkedHashMap<>();
        map.put("session", session.number());
        map.put("participant", session.participant());
        map.put("started", session.started().toString());
        map.put("outcome", session.outcome());
        map.put("events", session.events());
        return map;
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
