package com.valuekiosk.kiosk.demo.usability;

import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Screen;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
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
 * the tester marks it with the participant's code, {@link #start}) and ends at a completed or kept charge-up, back
 * at the menu, or the idle timeout. Each session belongs to a study (the name given at construction) and keeps the
 * language its screens started in. Each screen, per language and contrast, is also pictured ({@link #screenPictures()})
 * so that a report can lay the touches over it: as it shows on entering it, then once more at its first touch with a
 * place (a screen may show more by then: a password field, a TRANSMIT button) — unless a key of the keypad holds the
 * focus then, whose focus ring would show the last digit typed. FX thread.
 */
public final class SessionRecorder {

    /** One thing that happened, {@code atMillis} after the session started. Position: kiosk screen pixels, or null. */
    public record Event(long atMillis, String kind, String screen, String detail, Double x, Double y) {
    }

    /**
     * One participant's session. {@code outcome}: completed, kept for later, balance shown, abandoned, timed out, or
     * open. {@code language}: the language the screens spoke when it started (a switch is a LANGUAGE event).
     */
    public record Session(String study, int number, String participant, String language, Instant started,
                          List<Event> events, String outcome) {

        public Session {
            events = List.copyOf(events);
        }
    }

    /** Session outcomes that count as a task done: a charge-up completed or kept for later, a balance read. */
    public static final java.util.Set<String> TASK_DONE = java.util.Set.of("completed", "kept for later", "balance shown");

    private final KioskUi ui;
    private final Clock clock;
    private final String study;
    private final java.util.Map<String, javafx.scene.image.Image> pictures = new java.util.LinkedHashMap<>();
    /** The pictures taken at a touch, not only on entering their screen. */
    private final java.util.Set<String> picturedAtTouch = new java.util.HashSet<>();
    private final List<Session> finished = new ArrayList<>();
    private final EventHandler<MouseEvent> touches = this::touched;
    private String participant = "";
    private List<Event> events;
    private Instant started;
    private String language;
    private boolean idleWarned;
    private boolean balanceShown;
    private Runnable afterSession = () -> { };

    public SessionRecorder(KioskUi ui, Scene scene, Clock clock) {
        this(ui, scene, clock, "");
    }

    /** @param study the study every session belongs to (a name chosen by the tester, or the scenarios played) */
    public SessionRecorder(KioskUi ui, Scene scene, Clock clock, String study) {
        this.ui = Objects.requireNonNull(ui, "ui");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.study = Objects.requireNonNull(study, "study");
        scene.addEventFilter(MouseEvent.MOUSE_PRESSED, touches);
        ui.navigator().currentProperty().addListener((o, was, now) -> screenEntered(now));
        ui.messages().localeProperty().addListener((o, was, now) -> {
            record("LANGUAGE", now.getLanguage(), null);
            pictureSoon();
        });
        ui.highContrastProperty().addListener((o, was, on) -> {
            record("CONTRAST", on ? "on" : "off", null);
            pictureSoon();
        });
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

    /**
     * The tester marks the start of a session for {@code who} (a participant code, never a name): a session under
     * way ends as abandoned (one without a touch yet is dropped). The participant stays for the sessions that start
     * by themselves after it.
     *
     * @return the new session's number
     */
    public int start(String who) {
        if (touchedYet()) {
            end("abandoned");
        }
        participant = who == null ? "" : who.strip();
        started = clock.instant();
        language = ui.messages().locale().getLanguage();
        events = new ArrayList<>();
        idleWarned = false;
        balanceShown = false;
        record("SCREEN", ui.navigator().current().name(), null);
        pictureSoon();
        return finished.size() + 1;
    }

    /** The study every session of this recorder belongs to. */
    public String study() {
        return study;
    }

    private void screenEntered(Screen screen) {
        pictureSoon();
        if (events == null) {
            if (screen == Screen.MENU) {
                start(participant); // the next person; the screens after an ending (take your card) are nobody's
            }
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
        } else if (screen == Screen.MENU && touchedYet()) {
            end(idleWarned ? "timed out" : balanceShown ? "balance shown" : "abandoned");
        } else if (screen == Screen.MENU) {
            start(participant); // nobody touched anything (a card taken back, the kiosk coming home): no session yet
        }
    }

    private boolean touchedYet() {
        return events != null && events.stream().anyMatch(event -> event.kind().equals("TOUCH"));
    }

    private void touched(MouseEvent event) {
        touched(control(event.getPickResult().getIntersectedNode()), ui.root().sceneToLocal(event.getSceneX(), event.getSceneY()));
    }

    /**
     * A touch on {@code control} made by a script ({@link ScenarioPlayer}) rather than a finger: recorded as a touch
     * at the control's centre, as a finger that hits it would be.
     */
    public void touchedByScript(ButtonBase control) {
        javafx.geometry.Bounds bounds = control.localToScene(control.getLayoutBounds());
        touched(control, ui.root().sceneToLocal(bounds.getCenterX(), bounds.getCenterY()));
    }

    private void touched(ButtonBase control, Point2D onKiosk) {
        if (events == null) {
            return;
        }
        if (control != null && !isOnKiosk(control)) {
            return; // the card panel beside the kiosk: the tester's, not the participant's
        }
        String id = control == null ? "" : Objects.requireNonNullElse(control.getId(), control.getClass().getSimpleName());
        if (id.startsWith("key-")) {
            record("TOUCH", "keypad", null); // neither the digit nor where: the keys' places give digits away
            return;
        }
        if (onKiosk == null || onKiosk.getX() < 0 || onKiosk.getY() < 0 || onKiosk.getX() > KioskUi.WIDTH
                || onKiosk.getY() > KioskUi.HEIGHT) {
            return; // beside the kiosk's screen
        }
        pictureAtFirstTouch();
        if (id.equals("back-to-menu") && ui.navigator().current() == Screen.BALANCE) {
            Node instruction = ui.root().lookup("#balance-instruction");
            balanceShown = instruction != null && !instruction.isVisible();
        }
        record("TOUCH", id, onKiosk);
        if (id.equals("back-to-menu") || id.equals("error-menu")) {
            record("BACK", ui.navigator().current().name(), null);
        }
    }

    private boolean isOnKiosk(Node node) {
        for (Node at = node; at != null; at = at.getParent()) {
            if (at == ui.root()) {
                return true;
            }
        }
        return false;
    }

    /** Once the screen just entered (or switched) shows: its picture, if it has none yet. */
    private void pictureSoon() {
        if (!pictures.containsKey(pictureName())) {
            javafx.application.Platform.runLater(this::takePicture); // after the shell has put the new screen in place
        }
    }

    private String pictureName() {
        return pictureName(ui.navigator().current().name(), ui.messages().locale().getLanguage(),
                ui.highContrastProperty().get());
    }

    private void pictureAtFirstTouch() {
        String name = pictureName();
        Node focus = ui.root().getScene() == null ? null : ui.root().getScene().getFocusOwner();
        boolean keyFocused = focus != null && focus.getId() != null && focus.getId().startsWith("key-");
        if (!keyFocused && picturedAtTouch.add(name)) {
            pictures.put(name, ui.root().snapshot(null, null));
        }
    }

    /** The kiosk's screen as the person sees it now, once per screen, language and contrast. */
    private void takePicture() {
        String name = pictureName();
        if (!pictures.containsKey(name)) {
            pictures.put(name, ui.root().snapshot(null, null));
        }
    }

    /** The file name (without .png) of a screen's picture: {@code MENU_en}, {@code PURCHASE_ja_contrast}. */
    public static String pictureName(String screen, String language, boolean highContrast) {
        return screen + "_" + language + (highContrast ? "_contrast" : "");
    }

    /** The pictures of the screens shown so far, by {@link #pictureName}. */
    public java.util.Map<String, javafx.scene.image.Image> screenPictures() {
        return java.util.Collections.unmodifiableMap(pictures);
    }

    /** The names of the pictures taken at a touch, not only on entering their screen: the better ones. */
    public java.util.Set<String> picturedAtTouch() {
        return java.util.Collections.unmodifiableSet(picturedAtTouch);
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
        finished.add(new Session(study, finished.size() + 1, participant, language, started, events, outcome));
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
            all.add(new Session(study, finished.size() + 1, participant, language, started, events, "open"));
        }
        return all;
    }

    /**
     * Writes the study's and each session's files into {@code directory} ({@link SessionFiles#write}) and the
     * pictures of the screens touched into {@code directory/screens} (a picture already there is kept).
     */
    public void export(Path directory) throws IOException {
        SessionFiles.write(sessions(), directory);
        ScreenPictures.write(pictures, directory.resolve(ScreenPictures.DIRECTORY));
    }
}
