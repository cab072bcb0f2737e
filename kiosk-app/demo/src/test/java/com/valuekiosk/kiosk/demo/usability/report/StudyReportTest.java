package com.valuekiosk.kiosk.demo.usability.report;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.demo.usability.SessionFiles;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder.Event;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder.Session;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.imageio.ImageIO;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The report of a known study of five sessions: the numbers it gives (completion rate, median times, touches, missed
 * touches, errors, going back), its charts, and its heat maps laid exactly over the screens' pictures.
 */
class StudyReportTest {

    private static final Instant START = Instant.parse("2026-12-01T10:00:00Z");
    private final StudyReport report = new StudyReport(Clock.fixed(START, ZoneOffset.UTC));

    @TempDir
    Path directory;

    /** Completed in 16 s, kept for later in 30 s, abandoned after an error, a balance read in 10 s, one open. */
    static List<Session> knownStudy() {
        List<Session> sessions = new ArrayList<>();
        sessions.add(session(1, "P01", "en", "completed",
                screen(0, "MENU"), touch(2_000, "MENU", "menu-purchase", 300, 400), screen(2_000, "PURCHASE"),
                touch(5_000, "PURCHASE", "", 50, 50), keypad(6_000, "PURCHASE"), keypad(6_500, "PURCHASE"),
                touch(8_000, "PURCHASE", "preset-2000", 343, 580), touch(10_000, "PURCHASE", "transmit", 1_120, 745),
                screen(10_000, "PROCESSING"), screen(11_000, "RECEIPT"), touch(14_000, "RECEIPT", "receipt-chargeup", 900, 700),
                screen(14_000, "CONFIRM"), touch(16_000, "CONFIRM", "confirm-yes", 400, 600), screen(16_000, "COMPLETED"),
                end(16_000, "COMPLETED", "completed")));
        sessions.add(session(2, "P02", "ja", "kept for later",
                screen(0, "MENU"), touch(4_000, "MENU", "menu-purchase", 300, 400), screen(4_000, "PURCHASE"),
                touch(9_000, "PURCHASE", "", 60, 60), touch(20_000, "PURCHASE", "transmit", 1_120, 745),
                screen(20_000, "RECEIPT"), touch(25_000, "RECEIPT", "receipt-chargeup", 900, 700), screen(25_000, "CONFIRM"),
                touch(30_000, "CONFIRM", "confirm-no", 800, 600), screen(30_000, "KEPT_FOR_LATER"),
                end(30_000, "KEPT_FOR_LATER", "kept for later")));
        sessions.add(session(3, "P03", "en", "abandoned",
                screen(0, "MENU"), touch(500, "MENU", "", 1_000, 700), touch(1_000, "MENU", "menu-purchase", 300, 400),
                screen(1_000, "PURCHASE"), touch(7_000, "PURCHASE", "transmit", 1_120, 745), screen(7_000, "ERROR"),
                new Event(7_000, "ERROR", "ERROR", "The PIN is wrong. 2 tries left.", null, null),
                touch(12_000, "ERROR", "error-menu", 200, 740), new Event(12_000, "BACK", "ERROR", "ERROR", null, null),
                screen(12_000, "MENU"), end(12_000, "MENU", "abandoned")));
        sessions.add(session(4, "P04", "en", "balance shown",
                screen(0, "MENU"), touch(3_000, "MENU", "menu-balance", 700, 400), screen(3_000, "BALANCE"),
                touch(10_000, "BALANCE", "back-to-menu", 150, 745), new Event(10_000, "BACK", "BALANCE", "BALANCE", null, null),
                screen(10_000, "MENU"), end(10_000, "MENU", "balance shown")));
        sessions.add(session(5, "P05", "en", "open", screen(0, "MENU")));
        return sessions;
    }

    @Test
    void theNumbersOfAKnownStudy() {
        StudyFigures study = new StudyFigures("lab", knownStudy());

        assertThat(study.ended()).hasSize(4);
        assertThat(study.tasksDone()).isEqualTo(3);
        assertThat(study.completionRate()).isEqualTo(0.75);
        assertThat(study.taskSeconds()).containsExactly(16.0, 30.0, 10.0);
        assertThat(StudyFigures.median(study.taskSeconds())).isEqualTo(16.0);
        Map<String, List<Double>> perScreen = study.secondsPerScreen();
        assertThat(perScreen.keySet()).as("in the flows' order").containsExactly("MENU", "PURCHASE", "PROCESSING",
                "RECEIPT", "CONFIRM", "BALANCE", "ERROR");
        assertThat(perScreen.get("MENU")).as("the open session's menu, where it ends, aside").containsExactly(2.0, 4.0, 1.0, 3.0);
        assertThat(StudyFigures.median(perScreen.get("MENU"))).isEqualTo(2.5);
        assertThat(perScreen.get("PURCHASE")).containsExactly(8.0, 16.0, 6.0);
        assertThat(study.missedTouches()).isEqualTo(3);
        assertThat(study.touchesPerScreen().get("PURCHASE")).isEqualTo(new StudyFigures.Touches(4, 2, 2));
        assertThat(study.touchesPerScreen().get("MENU")).isEqualTo(new StudyFigures.Touches(4, 1, 0));
        assertThat(study.backsPerScreen()).containsExactly(Map.entry("BALANCE", 1), Map.entry("ERROR", 1));
        assertThat(study.errors()).containsExactly(new StudyFigures.ErrorShown(3, "P03", "The PIN is wrong. 2 tries left."));
        assertThat(study.touchesPerPicture().keySet()).containsExactly("MENU_en", "MENU_ja", "PURCHASE_en", "PURCHASE_ja",
                "RECEIPT_en", "RECEIPT_ja", "CONFIRM_en", "CONFIRM_ja", "BALANCE_en", "ERROR_en");
        assertThat(study.outcomes()).containsEntry("completed", 1L).containsEntry("open", 1L).hasSize(5);
    }

    @Test
    void thePageHasEveryChartAndTheNumbers() throws Exception {
        SessionFiles.write(knownStudy(), directory);
        List<Path> pages = report.write(directory, directory.resolve("out"));

        assertThat(pages).containsExactly(directory.resolve("out/report-lab.html"));
        String html = Files.readString(pages.get(0));
        assertThat(html).contains("<h1>Usability report: lab</h1>")
                .contains("<tr><th class=\"text\">Task completion rate</th><td>75 %</td></tr>")
                .contains("<tr><th class=\"text\">Median task time (s)</th><td>16.00</td></tr>")
                .contains("<tr><th class=\"text\">Missed touches</th><td>3</td></tr>")
                .contains("<tr><th class=\"text\">Errors shown</th><td>1</td></tr>")
                .contains("<tr><th class=\"text\">Back to menu</th><td>2</td></tr>")
                .contains("<tr><td class=\"text\">MENU</td><td>4</td><td>2.50</td><td>1.00</td><td>4.00</td></tr>")
                .contains("<tr><td class=\"text\">PURCHASE</td><td>4</td><td>2</td><td>2</td></tr>")
                .contains("The PIN is wrong. 2 tries left.")
                .doesNotContain("<script").doesNotContain("src=\"http");
        Map<String, BufferedImage> charts = charts(html);
        assertThat(charts.keySet()).contains("task-time", "time-per-screen", "touches-per-screen", "errors-and-backs",
                "heat-map-PURCHASE_en", "heat-map-MENU_ja");
        assertThat(charts.get("time-per-screen").getWidth()).isEqualTo(1200);
        assertThat(charts.get("heat-map-PURCHASE_en").getWidth()).isEqualTo(1280);
        assertThat(charts.get("heat-map-PURCHASE_en").getHeight()).isEqualTo(800);
    }

    @Test
    void theHeatMapLiesOverTheScreenCellForCell() throws Exception {
        SessionFiles.write(knownStudy(), directory);
        Files.createDirectories(directory.resolve("screens"));
        BufferedImage white = new BufferedImage(1280, 800, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = white.createGraphics();
        g.setColor(Color.WHITE);
        g.fillRect(0, 0, 1280, 800);
        g.dispose();
        ImageIO.write(white, "png", directory.resolve("screens/PURCHASE_en.png").toFile());

        BufferedImage heat = charts(Files.readString(report.write(directory, directory).get(0))).get("heat-map-PURCHASE_en");

        // P01's and P03's TRANSMIT at (1120, 745): cell 28 × 18, from (1120, 720) to (1160, 760), two touches.
        assertThat(new Color(heat.getRGB(1122, 722))).as("inside the cell").isNotEqualTo(Color.WHITE);
        assertThat(new Color(heat.getRGB(1158, 758))).as("inside the cell").isNotEqualTo(Color.WHITE);
        assertThat(new Color(heat.getRGB(1117, 740))).as("left of it").isEqualTo(Color.WHITE);
        assertThat(new Color(heat.getRGB(1140, 763))).as("below it").isEqualTo(Color.WHITE);
        assertThat(new Color(heat.getRGB(640, 300))).as("where nobody touched").isEqualTo(Color.WHITE);
        // The missed touch at (50, 50): cell 1 × 1.
        assertThat(new Color(heat.getRGB(45, 45))).isNotEqualTo(Color.WHITE);
        assertThat(new Color(heat.getRGB(85, 45))).isEqualTo(Color.WHITE);
    }

    @Test
    void onePagePerStudyAndFilesFromBeforeStudiesAreRead() throws Exception {
        List<Session> two = new ArrayList<>(knownStudy());
        Session other = two.get(0);
        two.add(new Session("pilot 2", 6, "P09", "ja", START, other.events(), other.outcome()));
        SessionFiles.write(two, directory);
        assertThat(report.write(directory, directory)).extracting(path -> path.getFileName().toString())
                .containsExactly("report-lab.html", "report-pilot-2.html");

        Path old = Files.createDirectories(directory.resolve("spring-study"));
        Files.writeString(old.resolve("sessions.json"), """
                [{"session": 1, "participant": "P01", "started": "2026-12-01T10:00:00Z", "outcome": "completed",
                  "events": [{"atMillis": 0, "kind": "SCREEN", "screen": "MENU", "detail": "MENU", "x": null, "y": null},
                             {"atMillis": 900, "kind": "END", "screen": "MENU", "detail": "completed", "x": null, "y": null}]}]
                """);
        assertThat(SessionFiles.read(old)).singleElement().satisfies(session -> {
            assertThat(session.study()).isEqualTo("spring-study");
            assertThat(session.language()).isEmpty();
            assertThat(session.events()).hasSize(2);
        });
        assertThat(report.write(old, old)).extracting(path -> path.getFileName().toString())
                .containsExactly("report-spring-study.html");
    }

    /** The page's images by id, decoded. */
    static Map<String, BufferedImage> charts(String html) throws Exception {
        Map<String, BufferedImage> charts = new LinkedHashMap<>();
        Matcher image = Pattern.compile("<img id=\"([^\"]+)\" class=\"chart\"[^>]*src=\"data:image/png;base64,([^\"]+)\"")
                .matcher(html);
        while (image.find()) {
            charts.put(image.group(1), ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(image.group(2)))));
        }
        return charts;
    }

    static Session session(int number, String participant, String language, String outcome, Event... events) {
        return new Session("lab", number, participant, language, START, List.of(events), outcome);
    }

    static Event screen(long at, String screen) {
        return new Event(at, "SCREEN", screen, screen, null, null);
    }

    static Event touch(long at, String screen, String control, double x, double y) {
        return new Event(at, "TOUCH", screen, control, x, y);
    }

    static Event keypad(long at, String screen) {
        return new Event(at, "TOUCH", screen, "keypad", null, null);
    }

    static Event end(long at, String screen, String outcome) {
        return new Event(at, "END", screen, outcome, null, null);
    }
}
