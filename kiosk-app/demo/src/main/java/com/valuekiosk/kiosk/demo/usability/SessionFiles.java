package com.valuekiosk.kiosk.demo.usability;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * The files of recorded sessions (schema: {@code kiosk-app/demo/schema/session.schema.json}, columns in the demo's
 * README). Per study, in the directory: {@code sessions.json} (every session with its events), {@code events.csv}
 * (one row per event), {@code sessions.csv} (one row per session with its figures). Per session, in
 * {@code sessions/}: {@code session-N.json} (the session) and {@code session-N.csv} (its events).
 */
public final class SessionFiles {

    public static final String SESSIONS_JSON = "sessions.json";
    public static final String EVENTS_CSV = "events.csv";
    public static final String SESSIONS_CSV = "sessions.csv";
    public static final String PER_SESSION = "sessions";
    public static final String EVENTS_HEADER = "session,participant,millis,kind,screen,detail,x,y,study";
    public static final String SESSIONS_HEADER = "study,session,participant,language,started,outcome,task_done,seconds,"
            + "screens,touches,keypad_touches,missed_touches,errors,backs";

    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private SessionFiles() {
    }

    /** Writes the study's files and each session's files into {@code directory}. */
    public static void write(List<SessionRecorder.Session> sessions, Path directory) throws IOException {
        Files.createDirectories(directory.resolve(PER_SESSION));
        JSON.writeValue(directory.resolve(SESSIONS_JSON).toFile(), sessions.stream().map(SessionFiles::asMap).toList());
        StringBuilder events = new StringBuilder(EVENTS_HEADER).append('\n');
        StringBuilder rows = new StringBuilder(SESSIONS_HEADER).append('\n');
        for (SessionRecorder.Session session : sessions) {
            String name = "session-" + session.number();
            JSON.writeValue(directory.resolve(PER_SESSION).resolve(name + ".json").toFile(), asMap(session));
            StringBuilder own = new StringBuilder(EVENTS_HEADER).append('\n');
            eventRows(session, own);
            Files.writeString(directory.resolve(PER_SESSION).resolve(name + ".csv"), own, StandardCharsets.UTF_8);
            eventRows(session, events);
            SessionFigures figures = SessionFigures.of(session);
            rows.append(quoted(session.study())).append(',').append(session.number()).append(',')
                    .append(quoted(session.participant())).append(',').append(session.language()).append(',')
                    .append(session.started()).append(',').append(quoted(session.outcome())).append(',')
                    .append(SessionFigures.taskDone(session)).append(',')
                    .append(String.format(Locale.ROOT, "%.3f", figures.millis() / 1000.0)).append(',')
                    .append(figures.screens()).append(',').append(figures.touches()).append(',')
                    .append(figures.keypadTouches()).append(',').append(figures.missedTouches()).append(',')
                    .append(figures.errors()).append(',').append(figures.backs()).append('\n');
        }
        Files.writeString(directory.resolve(EVENTS_CSV), events, StandardCharsets.UTF_8);
        Files.writeString(directory.resolve(SESSIONS_CSV), rows, StandardCharsets.UTF_8);
    }

    private static void eventRows(SessionRecorder.Session session, StringBuilder csv) {
        for (SessionRecorder.Event event : session.events()) {
            csv.append(session.number()).append(',').append(quoted(session.participant())).append(',')
                    .append(event.atMillis()).append(',').append(event.kind()).append(',').append(event.screen())
                    .append(',').append(quoted(event.detail())).append(',')
                    .append(event.x() == null ? "" : String.format(Locale.ROOT, "%.1f", event.x())).append(',')
                    .append(event.y() == null ? "" : String.format(Locale.ROOT, "%.1f", event.y())).append(',')
                    .append(quoted(session.study())).append('\n');
        }
    }

    /** One session as JSON (session.schema.json): the first keys as before studies and languages were recorded. */
    static Map<String, Object> asMap(SessionRecorder.Session session) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("session", session.number());
        map.put("participant", session.participant());
        map.put("started", session.started().toString());
        map.put("outcome", session.outcome());
        map.put("events", session.events().stream().map(SessionFiles::asMap).toList());
        map.put("study", session.study());
        map.put("language", session.language());
        return map;
    }

    private static Map<String, Object> asMap(SessionRecorder.Event event) {
        Map<String, Object> map = new LinkedHashMap<>();
        map.put("atMillis", event.atMillis());
        map.put("kind", event.kind());
        map.put("screen", event.screen());
        map.put("detail", event.detail());
        map.put("x", event.x());
        map.put("y", event.y());
        return map;
    }

    /**
     * The sessions in {@code directory}'s {@code sessions.json}. Files written before sessions had a study or a
     * language are read too: their study is the directory's name, their language empty.
     */
    public static List<SessionRecorder.Session> read(Path directory) throws IOException {
        Path file = directory.resolve(SESSIONS_JSON);
        List<JsonNode> nodes = JSON.readValue(file.toFile(), new TypeReference<List<JsonNode>>() { });
        String defaultStudy = directory.toAbsolutePath().normalize().getFileName() == null ? ""
                : directory.toAbsolutePath().normalize().getFileName().toString();
        List<SessionRecorder.Session> sessions = new ArrayList<>();
        for (JsonNode node : nodes) {
            List<SessionRecorder.Event> events = new ArrayList<>();
            for (JsonNode event : node.path("events")) {
                events.add(new SessionRecorder.Event(event.path("atMillis").asLong(), event.path("kind").asText(),
                        event.path("screen").asText(), event.path("detail").asText(""), number(event.get("x")),
                        number(event.get("y"))));
            }
            String study = node.path("study").asText("");
            sessions.add(new SessionRecorder.Session(study.isEmpty() ? defaultStudy : study, node.path("session").asInt(),
                    node.path("participant").asText(""), node.path("language").asText(""),
                    Instant.parse(node.path("started").asText()), events, node.path("outcome").asText("")));
        }
        return sessions;
    }

    private static Double number(JsonNode node) {
        return node == null || node.isNull() ? null : node.asDouble();
    }

    private static String quoted(String text) {
        return "\"" + text.replace("\"", "\"\"") + "\"";
    }
}
