package com.valuekiosk.kiosk.demo.usability.report;

import com.valuekiosk.kiosk.demo.usability.ScreenPictures;
import com.valuekiosk.kiosk.demo.usability.SessionFigures;
import com.valuekiosk.kiosk.demo.usability.SessionFiles;
import com.valuekiosk.kiosk.demo.usability.SessionRecorder;
import java.awt.Color;
import java.awt.Graphics2D;
import java.awt.RenderingHints;
import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javax.imageio.ImageIO;
import org.knowm.xchart.BitmapEncoder;
import org.knowm.xchart.BoxChart;
import org.knowm.xchart.BoxChartBuilder;
import org.knowm.xchart.CategoryChart;
import org.knowm.xchart.CategoryChartBuilder;
import org.knowm.xchart.HeatMapChart;
import org.knowm.xchart.HeatMapChartBuilder;
import org.knowm.xchart.internal.chartpart.Chart;

/**
 * {@code usability report DIR}: one self-contained HTML page per study of the sessions in {@code DIR/sessions.json}
 * (recorded by {@code demo --record} or {@code usability run}) — task completion rate and time, time per screen
 * (box plots), touches per screen, missed touches, errors and where people went back, and a heat map of the touches
 * over each screen's picture ({@code DIR/screens}, {@link ScreenPictures}). Charts by XChart, as PNG inside the page.
 */
public final class StudyReport {

    /** Touches are counted in square cells of this many kiosk pixels on the heat maps. */
    public static final int CELL = 40;
    private static final int SCREEN_WIDTH = 1280;
    private static final int SCREEN_HEIGHT = 800;

    private final Clock clock;

    public StudyReport(Clock clock) {
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Writes {@code report-<study>.html} into {@code out} for every study of {@code directory}'s sessions.
     *
     * @return the pages written
     */
    public List<Path> write(Path directory, Path out) throws IOException {
        List<SessionRecorder.Session> sessions = SessionFiles.read(directory);
        Map<String, List<SessionRecorder.Session>> studies = new LinkedHashMap<>();
        for (SessionRecorder.Session session : sessions) {
            studies.computeIfAbsent(session.study(), s -> new ArrayList<>()).add(session);
        }
        Files.createDirectories(out);
        List<Path> pages = new ArrayList<>();
        for (Map.Entry<String, List<SessionRecorder.Session>> study : studies.entrySet()) {
            Path page = out.resolve("report-" + fileName(study.getKey()) + ".html");
            Files.writeString(page, html(new StudyFigures(study.getKey(), study.getValue()),
                    directory.resolve(ScreenPictures.DIRECTORY)), StandardCharsets.UTF_8);
            pages.add(page);
        }
        return pages;
    }

    static String fileName(String study) {
        String name = study.replaceAll("[^A-Za-z0-9._-]+", "-").replaceAll("^-+|-+$", "");
        return name.isEmpty() ? "study" : name;
    }

    /** The page of one study; the pictures of its screens are looked for in {@code pictures}. */
    public String html(StudyFigures study, Path pictures) throws IOException {
        StringBuilder page = new StringBuilder();
        page.append("<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\n<title>Usability report: ")
                .append(escape(study.study())).append("</title>\n<style>")
                .append("body{font-family:sans-serif;margin:2em;max-width:1320px;color:#1a1a1a}")
                .append("table{border-collapse:collapse;margin:1em 0}td,th{border:1px solid #bbb;padding:4px 8px;text-align:right}")
                .append("th{background:#eef}td.text,th.text{text-align:left}img{max-width:100%;border:1px solid #ccc}")
                .append("figure{margin:1em 0}figcaption{color:#555;font-size:90%}")
                .append("</style></head><body>\n");
        page.append("<h1>Usability report: ").append(escape(study.study())).append("</h1>\n");
        page.append("<p>Written ").append(clock.instant()).append("; sessions: ").append(study.sessions().size())
                .append(". Times from the menu (or the tester’s mark) to the session’s end; touches on the kiosk"
                        + " screen only (the card panel is the tester’s); a keypad touch carries neither digit nor place.</p>\n");
        summary(study, page);
        sessions(study, page);
        timePerScreen(study, page);
        touchesPerScreen(study, page);
        errorsAndBacks(study, page);
        heatMaps(study, pictures, page);
        page.append("</body></html>\n");
        return page.toString();
    }

    private static void summary(StudyFigures study, StringBuilder page) throws IOException {
        page.append("<h2 id=\"completion\">Task completion</h2>\n<table id=\"summary\">\n");
        row(page, "Sessions ended", String.valueOf(study.ended().size()));
        row(page, "Tasks done (completed, kept for later, balance shown)", String.valueOf(study.tasksDone()));
        row(page, "Task completion rate", percent(study.completionRate()));
        List<Double> seconds = study.taskSeconds();
        row(page, "Median task time (s)", seconds(StudyFigures.median(seconds)));
        row(page, "Fastest / slowest task (s)", seconds.isEmpty() ? "–"
                : seconds(seconds.stream().mapToDouble(d -> d).min().orElseThrow()) + " / "
                + seconds(seconds.stream().mapToDouble(d -> d).max().orElseThrow()));
        row(page, "Missed touches", String.valueOf(study.missedTouches()));
        row(page, "Errors shown", String.valueOf(study.errors().size()));
        row(page, "Back to menu", String.valueOf(study.backsPerScreen().values().stream().mapToInt(Integer::intValue).sum()));
        page.append("</table>\n<p>Outcomes: ");
        List<String> outcomes = new ArrayList<>();
        study.outcomes().forEach((outcome, count) -> outcomes.add(escape(outcome) + " " + count));
        page.append(String.join(", ", outcomes)).append(".</p>\n");
        if (!seconds.isEmpty()) {
            BoxChart chart = new BoxChartBuilder().width(700).height(260).title("Task time, tasks done")
                    .yAxisTitle("seconds").build();
            chart.getStyler().setLegendVisible(false);
            chart.addSeries("task done", seconds);
            figure(page, "task-time", chart, "Time from the menu to the end of each session whose task was done.");
        }
    }

    private static void sessions(StudyFigures study, StringBuilder page) {
        page.append("<h2 id=\"sessions\">Sessions</h2>\n<table id=\"session-table\"><tr><th>Session</th><th class=\"text\">"
                + "Participant</th><th>Language</th><th class=\"text\">Outcome</th><th>Seconds</th><th>Screens</th>"
                + "<th>Touches</th><th>Keypad</th><th>Missed</th><th>Errors</th><th>Back</th></tr>\n");
        for (int i = 0; i < study.sessions().size(); i++) {
            SessionRecorder.Session session = study.sessions().get(i);
            SessionFigures figures = study.figures(i);
            page.append("<tr><td>").append(session.number()).append("</td><td class=\"text\">")
                    .append(escape(session.participant())).append("</td><td>").append(escape(session.language()))
                    .append("</td><td class=\"text\">").append(escape(session.outcome())).append("</td><td>")
                    .append(seconds(figures.millis() / 1000.0)).append("</td><td>").append(figures.screens())
                    .append("</td><td>").append(figures.touches()).append("</td><td>").append(figures.keypadTouches())
                    .append("</td><td>").append(figures.missedTouches()).append("</td><td>").append(figures.errors())
                    .append("</td><td>").append(figures.backs()).append("</td></tr>\n");
        }
        page.append("</table>\n<p>Screens: entered from the menu to the end, the processing screen aside. Touches: on"
                + " controls, the keypad (PIN digits among them) and missed touches aside.</p>\n");
    }

    private static void timePerScreen(StudyFigures study, StringBuilder page) throws IOException {
        Map<String, List<Double>> perScreen = study.secondsPerScreen();
        page.append("<h2 id=\"screen-times\">Time per screen</h2>\n");
        if (perScreen.isEmpty()) {
            page.append("<p>No screen was left in any session.</p>\n");
            return;
        }
        BoxChart chart = new BoxChartBuilder().width(1200).height(420).title("Time per screen visit")
                .yAxisTitle("seconds").build();
        chart.getStyler().setLegendVisible(false);
        perScreen.forEach(chart::addSeries);
        figure(page, "time-per-screen", chart, "Each visit of a screen, from entering it to leaving it; the screen a"
                + " session ended on is not counted.");
        page.append("<table id=\"time-table\"><tr><th class=\"text\">Screen</th><th>Visits</th><th>Median (s)</th>"
                + "<th>Min (s)</th><th>Max (s)</th></tr>\n");
        perScreen.forEach((screen, seconds) -> page.append("<tr><td class=\"text\">").append(screen).append("</td><td>")
                .append(seconds.size()).append("</td><td>").append(seconds(StudyFigures.median(seconds))).append("</td><td>")
                .append(seconds(seconds.stream().mapToDouble(d -> d).min().orElseThrow())).append("</td><td>")
                .append(seconds(seconds.stream().mapToDouble(d -> d).max().orElseThrow())).append("</td></tr>\n"));
        page.append("</table>\n");
    }

    private static void touchesPerScreen(StudyFigures study, StringBuilder page) throws IOException {
        Map<String, StudyFigures.Touches> touches = study.touchesPerScreen();
        page.append("<h2 id=\"touches\">Touches per screen</h2>\n");
        if (touches.isEmpty()) {
            page.append("<p>No touches.</p>\n");
            return;
        }
        List<String> screens = new ArrayList<>(touches.keySet());
        CategoryChart chart = new CategoryChartBuilder().width(1200).height(400).title("Touches per screen")
                .yAxisTitle("touches, all sessions").build();
        chart.getStyler().setStacked(true);
        chart.addSeries("on a control", screens, screens.stream().map(s -> touches.get(s).onControls()).toList());
        chart.addSeries("missed (no control)", screens, screens.stream().map(s -> touches.get(s).missed()).toList());
        chart.addSeries("keypad", screens, screens.stream().map(s -> touches.get(s).keypad()).toList());
        figure(page, "touches-per-screen", chart, "Every touch on the kiosk screen, by the screen it was made on.");
        page.append("<table id=\"touch-table\"><tr><th class=\"text\">Screen</th><th>On a control</th><th>Missed</th>"
                + "<th>Keypad</th></tr>\n");
        touches.forEach((screen, t) -> page.append("<tr><td class=\"text\">").append(screen).append("</td><td>")
                .append(t.onControls()).append("</td><td>").append(t.missed()).append("</td><td>").append(t.keypad())
                .append("</td></tr>\n"));
        page.append("</table>\n");
    }

    private static void errorsAndBacks(StudyFigures study, StringBuilder page) throws IOException {
        page.append("<h2 id=\"errors\">Errors and going back</h2>\n");
        Map<String, Integer> backs = study.backsPerScreen();
        Map<String, Integer> errors = study.errorsPerScreen();
        if (backs.isEmpty() && errors.isEmpty()) {
            page.append("<p>No error was shown and nobody went back to the menu.</p>\n");
            return;
        }
        java.util.Set<String> screens = new java.util.TreeSet<>(StudyFigures::compareScreens);
        screens.addAll(backs.keySet());
        screens.addAll(errors.keySet());
        List<String> x = new ArrayList<>(screens);
        CategoryChart chart = new CategoryChartBuilder().width(1000).height(360).title("Errors shown and back to menu, per screen")
                .yAxisTitle("times, all sessions").build();
        chart.addSeries("error shown", x, x.stream().map(s -> errors.getOrDefault(s, 0)).toList());
        chart.addSeries("back to menu", x, x.stream().map(s -> backs.getOrDefault(s, 0)).toList());
        figure(page, "errors-and-backs", chart, "Errors shown (on the error screen) and “back to menu” touches, by"
                + " the screen they happened on.");
        if (!study.errors().isEmpty()) {
            page.append("<table id=\"error-table\"><tr><th>Session</th><th class=\"text\">Participant</th>"
                    + "<th class=\"text\">Error shown</th></tr>\n");
            for (StudyFigures.ErrorShown error : study.errors()) {
                page.append("<tr><td>").append(error.session()).append("</td><td class=\"text\">")
                        .append(escape(error.participant())).append("</td><td class=\"text\">").append(escape(error.text()))
                        .append("</td></tr>\n");
            }
            page.append("</table>\n");
        }
    }

    private static void heatMaps(StudyFigures study, Path pictures, StringBuilder page) throws IOException {
        page.append("<h2 id=\"heat-maps\">Where people touched</h2>\n<p>Every touch with a place (keypad touches have"
                + " none), counted in cells of ").append(CELL).append(" × ").append(CELL).append(" px over the screen as"
                + " the first touch on it saw it; the number is the touches in that cell.</p>\n");
        for (Map.Entry<String, List<StudyFigures.Touch>> picture : study.touchesPerPicture().entrySet()) {
            List<StudyFigures.Touch> touches = picture.getValue();
            long missed = touches.stream().filter(t -> t.control().isEmpty()).count();
            Path file = pictures.resolve(picture.getKey() + ".png");
            BufferedImage screen = Files.exists(file) ? ImageIO.read(file.toFile()) : null;
            page.append("<h3>").append(escape(picture.getKey())).append("</h3>\n");
            figure(page, "heat-map-" + picture.getKey(), heatMap(screen, touches), touches.size() + " touches, " + missed
                    + " missed" + (screen == null ? "; no picture of this screen was recorded" : "") + ".");
        }
    }

    /** The heat map of {@code touches} painted over the screen's picture (grey without one). */
    static BufferedImage heatMap(BufferedImage screen, List<StudyFigures.Touch> touches) {
        int columns = SCREEN_WIDTH / CELL;
        int rows = SCREEN_HEIGHT / CELL;
        int[][] counts = new int[columns][rows];
        for (StudyFigures.Touch touch : touches) {
            int column = Math.min(columns - 1, Math.max(0, (int) (touch.x() / CELL)));
            int row = Math.min(rows - 1, Math.max(0, (int) (touch.y() / CELL)));
            counts[column][row]++;
        }
        List<Number[]> cells = new ArrayList<>();
        int most = 1;
        for (int column = 0; column < columns; column++) {
            for (int row = 0; row < rows; row++) {
                if (counts[column][row] > 0) {
                    // The chart's rows grow upwards, the screen's downwards.
                    cells.add(new Number[] {column, rows - 1 - row, counts[column][row]});
                    most = Math.max(most, counts[column][row]);
                }
            }
        }
        List<Integer> x = new ArrayList<>();
        for (int column = 0; column < columns; column++) {
            x.add(column);
        }
        List<Integer> y = new ArrayList<>();
        for (int row = 0; row < rows; row++) {
            y.add(row);
        }
        HeatMapChart chart = new HeatMapChartBuilder().width(SCREEN_WIDTH).height(SCREEN_HEIGHT).build();
        Color clear = new Color(0, 0, 0, 0);
        chart.getStyler().setChartTitleVisible(false);
        chart.getStyler().setLegendVisible(false);
        chart.getStyler().setAxisTicksVisible(false);
        chart.getStyler().setAxisTitlesVisible(false);
        chart.getStyler().setChartPadding(0);
        chart.getStyler().setPlotMargin(0);
        chart.getStyler().setPlotBorderVisible(false);
        chart.getStyler().setPlotGridLinesVisible(false);
        chart.getStyler().setPlotContentSize(1.0); // the cells cover the whole picture: cell (0, 0) at its corner
        chart.getStyler().setChartBackgroundColor(clear);
        chart.getStyler().setPlotBackgroundColor(clear);
        chart.getStyler().setMin(1);
        chart.getStyler().setMax(most);
        chart.getStyler().setRangeColors(new Color[] {new Color(255, 230, 0, 120), new Color(255, 120, 0, 160),
                new Color(220, 0, 0, 200)});
        chart.getStyler().setShowValue(true);
        chart.getStyler().setValueFontColor(Color.BLACK);
        chart.getStyler().setHeatMapValueDecimalPattern("#");
        chart.addSeries("touches", x, y, cells);
        BufferedImage out = new BufferedImage(SCREEN_WIDTH, SCREEN_HEIGHT, BufferedImage.TYPE_INT_RGB);
        Graphics2D g = out.createGraphics();
        g.setRenderingHint(RenderingHints.KEY_INTERPOLATION, RenderingHints.VALUE_INTERPOLATION_BILINEAR);
        g.setColor(Color.LIGHT_GRAY);
        g.fillRect(0, 0, SCREEN_WIDTH, SCREEN_HEIGHT);
        if (screen != null) {
            g.drawImage(screen, 0, 0, SCREEN_WIDTH, SCREEN_HEIGHT, null);
        }
        chart.paint(g, SCREEN_WIDTH, SCREEN_HEIGHT);
        g.dispose();
        return out;
    }

    private static void figure(StringBuilder page, String id, Chart<?, ?> chart, String caption) throws IOException {
        figure(page, id, BitmapEncoder.getBufferedImage(chart), caption);
    }

    private static void figure(StringBuilder page, String id, BufferedImage image, String caption) throws IOException {
        ByteArrayOutputStream png = new ByteArrayOutputStream();
        ImageIO.write(image, "png", png);
        page.append("<figure><img id=\"").append(escape(id)).append("\" class=\"chart\" alt=\"").append(escape(caption))
                .append("\" src=\"data:image/png;base64,").append(Base64.getEncoder().encodeToString(png.toByteArray()))
                .append("\"><figcaption>").append(escape(caption)).append("</figcaption></figure>\n");
    }

    private static void row(StringBuilder page, String what, String value) {
        page.append("<tr><th class=\"text\">").append(escape(what)).append("</th><td>").append(escape(value))
                .append("</td></tr>\n");
    }

    static String seconds(double seconds) {
        return Double.isNaN(seconds) ? "–" : String.format(Locale.ROOT, "%.2f", seconds);
    }

    static String percent(double rate) {
        return String.format(Locale.ROOT, "%.0f %%", rate * 100);
    }

    static String escape(String text) {
        return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
    }
}
