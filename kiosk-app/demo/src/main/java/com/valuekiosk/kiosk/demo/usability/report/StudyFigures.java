package com.valuekiosk.kiosk.demo.usability.report;

import com.valuekiosk.kiosk.demo.usability.SessionFigures;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What a study's sessions come to, as its report shows it: the task completion rate and times, the time of every
 * visit per screen, touches per screen (on a control, missed, on the keypad), errors and "back to menu" per screen,
 * and every positioned touch per screen picture (screen, language, contrast; {@link SessionRecorder#pictureName}).
 * Screens in the order of the kiosk's flows ({@link #SCREEN_ORDER}), then any other in order of name.
 */
public final class StudyFigures {

    /** The kiosk's screens in the order a person meets them. */
    public static final List<String> SCREEN_ORDER = List.of("MENU", "PURCHASE", "PROCESSING", "RECEIPT", "CHARGE_UP",
            "CONFIRM", "COMPLETED", "KEPT_FOR_LATER", "BALANCE", "ERROR", "TAKE_CARD");

    /** Touches on one screen. */
    public record Touches(int onControls, int missed, int keypad) {
    }

    /** A touch with its place on the kiosk screen; {@code control} empty for a missed one. */
    public record Touch(double x, double y, String control) {
    }

    /** An error shown to a session's participant: its text as the screen said it. */
    public record ErrorShown(int session, String participant, String text) {
    }

    private final String study;
    private final List<SessionRecorder.Session> sessions;
    private final List<SessionFigures> figures;

    public StudyFigures(String study, Collection<SessionRecorder.Session> sessions) {
        this.study = Objects.requireNonNull(study, "study");
        this.sessions = List.copyOf(sessions);
        this.figures = this.sessions.stream().map(SessionFigures::of).toList();
    }

    public String study() {
        return study;
    }

    public List<SessionRecorder.Session> sessions() {
        return sessions;
    }

    /** The figures of {@code sessions().get(i)}. */
    public SessionFigures figures(int i) {
        return figures.get(i);
    }

    /** Sessions that ended (the one still open when the files were written aside). */
    public List<SessionRecorder.Session> ended() {
        return sessions.stream().filter(s -> !s.outcome().equals("open")).toList();
    }

    public long tasksDone() {
        return ended().stream().filter(SessionFigures::taskDone).count();
    }

    /** Tasks done per session ended, 0 to 1; 0 without an ended session. */
    public double completionRate() {
        return ended().isEmpty() ? 0 : (double) tasksDone() / ended().size();
    }

    /** How many sessions ended with each outcome, the most frequent first. */
    public Map<String, Long> outcomes() {
        Map<String, Long> counts = new TreeMap<>();
        for (SessionRecorder.Session session : sessions) {
            counts.merge(session.outcome(), 1L, Long::sum);
        }
        Map<String, Long> sorted = new LinkedHashMap<>();
        counts.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed())
                .forEach(e -> sorted.put(e.getKey(), e.getValue()));
        return sorted;
    }

    /** The times (seconds) of the sessions whose task was done, from the menu to the end. */
    public List<Double> taskSeconds() {
        List<Double> seconds = new ArrayList<>();
        for (int i = 0; i < sessions.size(); i++) {
            if (SessionFigures.taskDone(sessions.get(i))) {
                seconds.add(figures.get(i).millis() / 1000.0);
            }
        }
        return seconds;
    }

    /** The seconds of every visit of each screen (the last screen of a session, where it ended, aside). */
    public Map<String, List<Double>> secondsPerScreen() {
        Map<String, List<Double>> seconds = new TreeMap<>(StudyFigures::compareScreens);
        for (SessionFigures session : figures) {
            List<SessionFigures.Visit> visits = session.visits();
            for (int i = 0; i < visits.size() - 1; i++) {
                SessionFigures.Visit visit = visits.get(i);
                seconds.computeIfAbsent(visit.screen(), s -> new ArrayList<>()).add(visit.millis() / 1000.0);
            }
        }
        return seconds;
    }

    /** Touches per screen, over all sessions. */
    public Map<String, Touches> touchesPerScreen() {
        Map<String, int[]> counts = new TreeMap<>(StudyFigures::compareScreens);
        forEachEvent((session, event, picture) -> {
            if (event.kind().equals("TOUCH")) {
                int[] count = counts.computeIfAbsent(event.screen(), s -> new int[3]);
                count[event.detail().equals("keypad") ? 2 : event.detail().isEmpty() ? 1 : 0]++;
            }
        });
        Map<String, Touches> touches = new TreeMap<>(StudyFigures::compareScreens);
        counts.forEach((screen, c) -> touches.put(screen, new Touches(c[0], c[1], c[2])));
        return touches;
    }

    /** Missed touches (on no control) over all sessions. */
    public int missedTouches() {
        return touchesPerScreen().values().stream().mapToInt(Touches::missed).sum();
    }

    /** "Back to menu" touches per screen they were made on. */
    public Map<String, Integer> backsPerScreen() {
        return countPerScreen("BACK");
    }

    /** Errors shown per screen (always the error screen) — and {@link #errors()} for their texts. */
    public Map<String, Integer> errorsPerScreen() {
        return countPerScreen("ERROR");
    }

    public List<ErrorShown> errors() {
        List<ErrorShown> errors = new ArrayList<>();
        forEachEvent((session, event, picture) -> {
            if (event.kind().equals("ERROR")) {
                errors.add(new ErrorShown(session.number(), session.participant(), event.detail()));
            }
        });
        return errors;
    }

    /** Every positioned touch, per screen picture ({@link SessionRecorder#pictureName}), pictures in screen order. */
    public Map<String, List<Touch>> touchesPerPicture() {
        Map<String, List<Touch>> touches = new TreeMap<>(StudyFigures::comparePictures);
        forEachEvent((session, event, picture) -> {
            if (event.kind().equals("TOUCH") && event.x() != null && event.y() != null) {
                touches.computeIfAbsent(picture, p -> new ArrayList<>()).add(new Touch(event.x(), event.y(), event.detail()));
            }
        });
        return touches;
    }

    private Map<String, Integer> countPerScreen(String kind) {
        Map<String, Integer> counts = new TreeMap<>(StudyFigures::compareScreens);
        forEachEvent((session, event, picture) -> {
            if (event.kind().equals(kind)) {
                counts.merge(event.screen(), 1, Integer::sum);
            }
        });
        return counts;
    }

    private interface EventVisitor {
        void visit(SessionRecorder.Session session, SessionRecorder.Event event, String picture);
    }

    /** Each event with the picture of the screen it happened on (language and contrast followed from the start). */
    private void forEachEvent(EventVisitor visitor) {
        for (SessionRecorder.Session session : sessions) {
            String language = session.language();
            boolean contrast = false;
            for (SessionRecorder.Event event : session.events()) {
                if (event.kind().equals("LANGUAGE")) {
                    language = event.detail();
                } else if (event.kind().equals("CONTRAST")) {
                    contrast = event.detail().equals("on");
                }
                // A touch on the language switch is recorded before the switch: it was on the old language's screen.
                visitor.visit(session, event, SessionRecorder.pictureName(event.screen(), language, contrast));
            }
        }
    }

    /** The middle value (the mean of the two middle ones for an even count); NaN for none. */
    public static double median(List<Double> values) {
        if (values.isEmpty()) {
            return Double.NaN;
        }
        List<Double> sorted = values.stream().sorted().toList();
        int middle = sorted.size() / 2;
        return sorted.size() % 2 == 1 ? sorted.get(middle) : (sorted.get(middle - 1) + sorted.get(middle)) / 2;
    }

    static int compareScreens(String a, String b) {
        int i = SCREEN_ORDER.indexOf(a);
        int j = SCREEN_ORDER.indexOf(b);
        i = i < 0 ? SCREEN_ORDER.size() : i;
        j = j < 0 ? SCREEN_ORDER.size() : j;
        return i != j ? Integer.compare(i, j) : a.compareTo(b);
    }

    private static int comparePictures(String a, String b) {
        String screenA = screenOf(a);
        String screenB = screenOf(b);
        int byScreen = compareScreens(screenA, screenB);
        return byScreen != 0 ? byScreen : a.compareTo(b);
    }

    /** The screen of a picture's name: {@code KEPT_FOR_LATER_en} and {@code KEPT_FOR_LATER_en_contrast} → {@code KEPT_FOR_LATER}. */
    static String screenOf(String picture) {
        String name = picture.endsWith("_contrast") ? picture.substring(0, picture.length() - "_contrast".length()) : picture;
        int cut = name.lastIndexOf('_');
        return cut < 0 ? name : name.substring(0, cut);
    }
}
