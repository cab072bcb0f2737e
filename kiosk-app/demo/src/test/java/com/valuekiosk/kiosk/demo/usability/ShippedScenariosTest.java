package com.valuekiosk.kiosk.demo.usability;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.valuekiosk.kiosk.demo.DemoMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * Every scenario shipped in kiosk-app/demo/scenarios plays through on the demo kiosk, headless, each on a fresh
 * kiosk; and a scenario that does not hold fails naming its step, what was expected and what was seen.
 */
class ShippedScenariosTest {

    private static final Path SHIPPED = Path.of("scenarios");

    @TempDir
    Path out;

    @Test
    void everyShippedScenarioPlaysThroughAndTheResultsAreWritten() throws Exception {
        List<String> arguments = new ArrayList<>(List.of("usability", "run"));
        try (Stream<Path> files = Files.list(SHIPPED)) {
            files.filter(file -> file.toString().endsWith(".yaml")).sorted().forEach(file -> arguments.add(file.toString()));
        }
        assertThat(arguments).as("scenarios shipped").hasSizeGreaterThanOrEqualTo(2 + 8);
        List<String> files = List.copyOf(arguments.subList(2, arguments.size()));
        arguments.addAll(List.of("--headless", "--study", "shipped", "--out", out.toString()));
        StringWriter printed = new StringWriter();
        CommandLine command = DemoMain.commandLine();
        command.setOut(new PrintWriter(printed));
        int exit = command.execute(arguments.toArray(String[]::new));
        assertThat(exit).as(printed.toString()).isZero();

        JsonNode results = new ObjectMapper().readTree(out.resolve("results.json").toFile());
        assertThat(results).hasSize(files.size());
        results.forEach(play -> assertThat(play.get("passed").asBoolean()).as(play.toString()).isTrue());
        assertThat(Files.readString(out.resolve("results.csv"))).startsWith("scenario,language,passed,screens,touches");

        // The figures the note and README give: purchase with a preset and charge-up, menu to completion.
        for (JsonNode play : results) {
            if (play.get("scenario").asText().equals("Purchase with a preset, then charge up")) {
                List<String> entered = new ArrayList<>();
                play.get("screensEntered").forEach(screen -> entered.add(screen.asText()));
                assertThat(entered).containsExactly("MENU", "PURCHASE", "RECEIPT", "CONFIRM", "COMPLETED", "TAKE_CARD", "MENU");
                assertThat(play.get("touches").asInt()).as("menu-purchase, preset, transmit, charge up now, YES, back")
                        .isEqualTo(6);
            }
        }

        // Each play recorded as a participant's session, the scenario's file its participant: menu to completion.
        List<SessionRecorder.Session> sessions = SessionFiles.read(out);
        assertThat(sessions).extracting(SessionRecorder.Session::participant).containsExactlyElementsOf(
                files.stream().map(file -> Path.of(file).getFileName().toString().replace(".yaml", "")).toList());
        assertThat(sessions).allSatisfy(session -> assertThat(session.study()).isEqualTo("shipped"));
        for (String language : List.of("en", "ja")) {
            SessionRecorder.Session purchase = sessions.stream()
                    .filter(session -> session.participant().equals("purchase-and-charge-up-" + language)).findFirst().orElseThrow();
            SessionFigures figures = SessionFigures.of(purchase);
            assertThat(purchase.outcome()).isEqualTo("completed");
            assertThat(purchase.language()).isEqualTo(language);
            assertThat(figures.visits()).extracting(SessionFigures.Visit::screen).filteredOn(screen -> !screen.equals("PROCESSING"))
                    .containsExactly("MENU", "PURCHASE", "RECEIPT", "CONFIRM", "COMPLETED");
            assertThat(figures.screens()).isEqualTo(5);
            assertThat(figures.touches()).as("menu-purchase, preset, transmit, charge up now, YES").isEqualTo(5);
            assertThat(figures.keypadTouches()).as("the PIN's digits").isEqualTo(4);
            assertThat(figures.missedTouches()).isZero();
            assertThat(out.resolve("screens/PURCHASE_" + language + ".png")).isRegularFile();
        }
        assertThat(sessions).allSatisfy(session -> assertThat(SessionFigures.taskDone(session)).as(session.participant()).isTrue());

        // The report of the plays: one page, every chart, a heat map over each screen touched in each language.
        StringWriter reported = new StringWriter();
        CommandLine report = DemoMain.commandLine();
        report.setOut(new PrintWriter(reported));
        assertThat(report.execute("usability", "report", out.toString())).as(reported.toString()).isZero();
        String html = Files.readString(out.resolve("report-shipped.html"));
        assertThat(html).contains("<tr><th class=\"text\">Task completion rate</th><td>100 %</td></tr>")
                .contains("id=\"time-per-screen\" class=\"chart\"").contains("id=\"touches-per-screen\" class=\"chart\"")
                .contains("id=\"heat-map-PURCHASE_en\" class=\"chart\"").contains("id=\"heat-map-PURCHASE_ja\" class=\"chart\"")
                .doesNotContain("no picture of this screen was recorded");
    }

    @Test
    void aScenarioThatDoesNotHoldFailsWithItsStepTheExpectedAndTheSeenScreen() throws Exception {
        Path wrong = out.resolve("wrong.yaml");
        Files.writeString(wrong, """
                name: No cards, yet a receipt expected
                language: en
                steps:
                  - touch: menu-purchase
                  - pin: "1234"
                  - touch: preset-2000
                  - expect: receipt
                """);
        StringWriter printed = new StringWriter();
        CommandLine command = DemoMain.commandLine();
        command.setOut(new PrintWriter(printed));
        int exit = command.execute("usability", "run", wrong.toString(), "--headless", "--timeout", "2", "--out",
                out.resolve("results").toString());
        assertThat(exit).isEqualTo(1);
        // The results directory is named by JUnit at random: its digits are not the PIN.
        String report = printed.toString().replace(out.toString(), "<out>");
        assertThat(report).contains("FAIL No cards, yet a receipt expected [en]")
                .contains("step 4 (expect RECEIPT): expected RECEIPT, seen PURCHASE")
                .contains("Insert your IC credit card into the slot.")
                .doesNotContain("1234");
    }
}
