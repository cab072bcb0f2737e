package com.valuekiosk.kiosk.demo.usability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder.Event;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder.Session;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The exported files hold to their documented schema (kiosk-app/demo/schema/session.schema.json and the CSV columns
 * of the README): per study and per session, in JSON and CSV, and they read back as written.
 */
class SessionFilesTest {

    private static final Path SCHEMA = Path.of("schema/session.schema.json");
    private static final ObjectMapper JSON = new ObjectMapper();

    @TempDir
    Path directory;

    private static List<Session> twoSessions() {
        Instant started = Instant.parse("2026-12-01T10:00:00Z");
        return List.of(
                new Session("lab 1", 1, "P01", "en", started, List.of(
                        new Event(0, "SCREEN", "MENU", "MENU", null, null),
                        new Event(1_200, "TOUCH", "MENU", "menu-purchase", 300.5, 400.0),
                        new Event(1_200, "SCREEN", "PURCHASE", "PURCHASE", null, null),
                        new Event(2_000, "TOUCH", "PURCHASE", "keypad", null, null),
                        new Event(2_500, "TOUCH", "PURCHASE", "", 12.0, 34.0),
                        new Event(3_000, "LANGUAGE", "PURCHASE", "ja", null, null),
                        new Event(4_000, "TOUCH", "PURCHASE", "back-to-menu", 150.0, 745.0),
                        new Event(4_000, "BACK", "PURCHASE", "PURCHASE", null, null),
                        new Event(4_000, "SCREEN", "MENU", "MENU", null, null),
                        new Event(4_000, "END", "MENU", "abandoned", null, null)), "abandoned"),
                new Session("lab 1", 2, "P \"two\"", "ja", started.plusSeconds(60), List.of(
                        new Event(0, "SCREEN", "MENU", "MENU", null, null)), "open"));
    }

    @Test
    void everySessionAndEventHasExactlyTheSchemasKeysAndKinds() throws Exception {
        JsonNode schema = JSON.readTree(SCHEMA.toFile());
        SessionFiles.write(twoSessions(), directory);

        JsonNode sessions = JSON.readTree(directory.resolve("sessions.json").toFile());
        assertThat(sessions).hasSize(2);
        JsonNode event = schema.at("/$defs/event");
        Set<String> kinds = new TreeSet<>();
        event.at("/properties/kind/enum").forEach(kind -> kinds.add(kind.asText()));
        Set<String> outcomes = new TreeSet<>();
        schema.at("/properties/outcome/enum").forEach(outcome -> outcomes.add(outcome.asText()));
        List<JsonNode> files = new ArrayList<>();
        sessions.forEach(files::add);
        files.add(JSON.readTree(directory.resolve("sessions/session-1.json").toFile()));
        files.add(JSON.readTree(directory.resolve("sessions/session-2.json").toFile()));
        for (JsonNode session : files) {
            assertThat(names(session)).isEqualTo(names(schema.get("properties"))).isEqualTo(texts(schema.get("required")));
            assertThat(session.get("session").isInt()).isTrue();
            assertThat(outcomes).contains(session.get("outcome").asText());
            Instant.parse(session.get("started").asText());
            for (JsonNode one : session.get("events")) {
                assertThat(names(one)).isEqualTo(names(event.get("properties"))).isEqualTo(texts(event.get("required")));
                assertThat(kinds).contains(one.get("kind").asText());
                assertThat(one.get("atMillis").isIntegralNumber()).isTrue();
                assertThat(one.get("x").isNull() || one.get("x").isNumber()).isTrue();
            }
        }
        assertThat(files.get(2)).as("a session's own file is its element of the study's").isEqualTo(sessions.get(0));
        assertThat(outcomes).containsAll(SessionRecorder.TASK_DONE);
    }

    @Test
    void theCsvFilesHaveTheDocumentedColumnsAndOneRowPerEventOrSession() throws Exception {
        SessionFiles.write(twoSessions(), directory);

        List<String> events = Files.readAllLines(directory.resolve("events.csv"));
        assertThat(events.get(0)).isEqualTo("session,participant,millis,kind,screen,detail,x,y,study");
        assertThat(events).hasSize(1 + 10 + 1);
        assertThat(events.get(2)).isEqualTo("1,\"P01\",1200,TOUCH,MENU,\"menu-purchase\",300.5,400.0,\"lab 1\"");
        assertThat(events.get(4)).as("a keypad touch has no place").isEqualTo("1,\"P01\",2000,TOUCH,PURCHASE,\"keypad\",,,\"lab 1\"");
        assertThat(events.get(11)).isEqualTo("2,\"P \"\"two\"\"\",0,SCREEN,MENU,\"MENU\",,,\"lab 1\"");
        assertThat(Files.readAllLines(directory.resolve("sessions/session-1.csv")))
                .containsExactlyElementsOf(events.subList(0, 11));

        List<String> sessions = Files.readAllLines(directory.resolve("sessions.csv"));
        assertThat(sessions.get(0)).isEqualTo("study,session,participant,language,started,outcome,task_done,seconds,"
                + "screens,touches,keypad_touches,missed_touches,errors,backs");
        assertThat(sessions.get(1)).isEqualTo("\"lab 1\",1,\"P01\",en,2026-12-01T10:00:00Z,\"abandoned\",false,4.000,3,2,1,1,0,1");
        assertThat(sessions).hasSize(3);
    }

    @Test
    void whatIsWrittenReadsBackTheSame() throws Exception {
        SessionFiles.write(twoSessions(), directory);
        assertThat(SessionFiles.read(directory)).isEqualTo(twoSessions());
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new TreeSet<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Set<String> texts(JsonNode array) {
        Set<String> texts = new TreeSet<>();
        array.forEach(text -> texts.add(text.asText()));
        return texts;
    }
}
