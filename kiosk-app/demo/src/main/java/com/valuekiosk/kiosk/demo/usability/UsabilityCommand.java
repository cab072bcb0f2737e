package com.valuekiosk.kiosk.demo.usability;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.valuekiosk.kiosk.app.FxPlatform;
import com.valuekiosk.kiosk.demo.DemoKiosk;
import com.valuekiosk.kiosk.demo.panel.CardPanel;
import com.valuekiosk.kiosk.demo.panel.CardPanelViewModel;
import com.valuekiosk.kiosk.demo.panel.KioskWithPanel;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.KioskUi;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import javafx.scene.Scene;
import javafx.stage.Stage;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/**
 * {@code usability}: what a usability lab runs. {@code usability run SCENARIO… [--repeat N] [--headless] --out DIR}
 * plays scenario files on the demo kiosk (simulated cards, both servers on loopback), each play on a fresh kiosk
 * (fresh databases and cards), visibly or headless, and writes {@code results.json} and {@code results.csv}:
 * per play the outcome, the failing step with what was expected and seen, the screens entered and the touches;
 * each play is also recorded as the demo records a participant ({@link SessionRecorder}, {@link SessionFiles}: the
 * scenario's file name is the participant). Exit code 1 when a play failed, 2 when a file cannot be read.
 * {@code usability report DIR} writes one HTML page per study of the sessions in DIR ({@link StudyReport}).
 */
@Command(name = "usability", mixinStandardHelpOptions = true,
        subcommands = {UsabilityCommand.Run.class, UsabilityCommand.Report.class},
        description = "Usability testing of the screen flows (R-UT1): scripted scenarios on the demo kiosk.")
public final class UsabilityCommand implements Runnable {

    @Spec
    picocli.CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = "Plays scenario files on a fresh demo kiosk each and writes results.json and results.csv.")
    static final class Run implements Callable<Integer> {

        @Parameters(paramLabel = "SCENARIO", arity = "1..*", description = "Scenario files (YAML; see kiosk-app/demo/scenarios).")
        List<Path> scenarios;

        @Option(names = "--repeat", paramLabel = "N", description = "Plays of each scenario (default: ${DEFAULT-VALUE}).")
        int repeat = 1;

        @Option(names = "--headless", description = "No window: Monocle's headless platform, as on a CI runner.")
        boolean headless;

        @Option(names = "--out", paramLabel = "DIR", required = true, description = "Where results and the kiosks' data go.")
        Path out;

        @Option(names = "--study", paramLabel = "NAME", description = "The study the plays' sessions belong to"
                + " (default: the name of the --out directory).")
        String study;

        private final List<SessionRecorder.Session> sessions = new ArrayList<>();
        private final java.util.Map<String, javafx.scene.image.Image> pictures = new java.util.LinkedHashMap<>();
        private final java.util.Set<String> picturedAtTouch = new java.util.HashSet<>();

        @Option(names = "--timeout", paramLabel = "SECONDS", description = "How long an expected screen is waited for (default: ${DEFAULT-VALUE}).")
        long timeoutSeconds = 20;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws Exception {
            PrintWriter print = spec.commandLine().getOut();
            if (repeat < 1) {
                throw new picocli.CommandLine.ParameterException(spec.commandLine(), "--repeat must be at least 1");
            }
            List<Scenario> loaded = new ArrayList<>();
            for (Path file : scenarios) {
                try {
                    loaded.add(Scenario.read(file));
                } catch (IOException | Scenario.ScenarioException e) {
                    print.println("cannot read " + file + ": " + e.getMessage());
                    return 2;
                }
            }
            if (headless) {
                System.setProperty("glass.platform", "Monocle");
                System.setProperty("monocle.platform", "Headless");
                System.setProperty("prism.order", "sw");
                System.setProperty("java.awt.headless", "true");
                if (System.getProperty("headless.geometry") == null) {
                    // Monocle's headless screen is 1280 × 800 unless told: the kiosk and its panel are wider.
                    System.setProperty("headless.geometry", "1920x1200-32");
                }
            } else {
                FxPlatform.headlessIfNoDisplay();
            }
            FxPlatform.start();
            Files.createDirectories(out);
            List<ScenarioPlayer.Result> results = new ArrayList<>();
            int play = 0;
            for (int file = 0; file < loaded.size(); file++) {
                Scenario scenario = loaded.get(file);
                for (int round = 0; round < repeat; round++) {
                    ScenarioPlayer.Result result = playOnFreshKiosk(scenario, participant(scenarios.get(file)),
                            out.resolve("kiosk-" + (++play)));
                    results.add(result);
                    print.println((result.passed() ? "PASS " : "FAIL ") + scenario.name() + " [" + scenario.language() + "]"
                            + String.format(Locale.ROOT, " — %d screens, %d touches, %.1f s", result.screens(),
                            result.touches(), result.duration().toMillis() / 1000.0)
                            + (result.passed() ? "" : "\n     " + result.failure()));
                    print.flush();
                }
            }
            write(results);
            List<SessionRecorder.Session> numbered = new ArrayList<>();
            for (SessionRecorder.Session s : sessions) {
                numbered.add(new SessionRecorder.Session(s.study(), numbered.size() + 1, s.participant(), s.language(),
                        s.started(), s.events(), s.outcome()));
            }
            SessionFiles.write(numbered, out);
            FxPlatform.call(() -> {
                ScreenPictures.write(pictures, out.resolve(ScreenPictures.DIRECTORY));
                return null;
            });
            long failed = results.stream().filter(r -> !r.passed()).count();
            print.println(results.size() - failed + " of " + results.size() + " plays passed; results in " + out);
            return failed == 0 ? 0 : 1;
        }

        /** A scenario's participant in the sessions: its file's name without ".yaml". */
        private static String participant(Path file) {
            return file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        }

        private String studyName() {
            if (study != null) {
                return study;
            }
            Path name = out.toAbsolutePath().normalize().getFileName();
            return name == null ? "scenarios" : name.toString();
        }

        private ScenarioPlayer.Result playOnFreshKiosk(Scenario scenario, String participant, Path data) throws Exception {
            DemoKiosk kiosk = DemoKiosk.start(data, java.util.Locale.JAPANESE);
            ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "usability-flows");
                thread.setDaemon(true);
                return thread;
            });
            Stage[] stage = new Stage[1];
            try {
                record Shown(KioskUi ui, Scene scene, CardPanelViewModel panel, SessionRecorder recorder) {
                }
                Shown shown = FxPlatform.call(() -> {
                    BackgroundWork background = new BackgroundWork(worker);
                    KioskUi ui = new KioskUi(KioskFlows.of(kiosk.parts().engine()), background, kiosk.uiSettings());
                    CardPanelViewModel panel = new CardPanelViewModel(kiosk.readers().contact(), kiosk.readers().contactless(),
                            kiosk.readers().panelCards(), background);
                    Scene scene = KioskWithPanel.scene(ui, new CardPanel(panel, ui.messages()));
                    stage[0] = new Stage();
                    stage[0].setTitle("ValueKiosk usability: " + scenario.name());
                    stage[0].setScene(scene);
                    stage[0].show();
                    // Every scenario starts at the menu with no card on either reader, in its language.
                    panel.cards().forEach(card -> {
                        if (panel.canRemove(card).get()) {
                            panel.remove(card);
                        }
                    });
                    ui.navigator().home();
                    ui.messages().setLocale(scenario.language().equals("en") ? com.valuekiosk.kiosk.ui.Messages.ENGLISH
                            : com.valuekiosk.kiosk.ui.Messages.JAPANESE);
                    SessionRecorder recorder = new SessionRecorder(ui, scene, java.time.Clock.systemUTC(), studyName());
                    recorder.start(participant);
                    return new Shown(ui, scene, panel, recorder);
                });
                ScenarioPlayer.Result result = new ScenarioPlayer(shown.ui(), shown.scene(), shown.panel(),
                        Duration.ofSeconds(timeoutSeconds)).recordingTo(shown.recorder()).play(scenario);
                FxPlatform.call(() -> {
                    // The play's session(s); the menu shown again after the end starts nobody's.
                    shown.recorder().sessions().stream()
                            .filter(s -> !s.outcome().equals("open") || s.events().stream().anyMatch(e -> e.kind().equals("TOUCH")))
                            .forEach(sessions::add);
                    // One picture per screen for all plays: the first taken at a touch, else the first at all.
                    shown.recorder().screenPictures().forEach((name, picture) -> {
                        boolean atTouch = shown.recorder().picturedAtTouch().contains(name);
                        if (!pictures.containsKey(name) || atTouch && picturedAtTouch.add(name)) {
                            pictures.put(name, picture);
                        }
                    });
                    return null;
                });
                return result;
            } finally {
                FxPlatform.call(() -> {
                    if (stage[0] != null) {
                        stage[0].close();
                    }
                    return null;
                });
                worker.shutdownNow();
                kiosk.close();
            }
        }

        private void write(List<ScenarioPlayer.Result> results) throws IOException {
            List<java.util.Map<String, Object>> plays = new ArrayList<>();
            for (ScenarioPlayer.Result r : results) {
                java.util.Map<String, Object> one = new java.util.LinkedHashMap<>();
                one.put("scenario", r.scenario());
                one.put("language", r.language());
                one.put("passed", r.passed());
                one.put("failure", r.failure());
                one.put("stepsDone", r.stepsDone());
                one.put("screensEntered", r.screensEntered().stream().map(Enum::name).toList());
                one.put("screens", r.screens());
                one.put("touches", r.touches());
                one.put("milliseconds", r.duration().toMillis());
                plays.add(one);
            }
            new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT).writeValue(out.resolve("results.json").toFile(), plays);
            StringBuilder csv = new StringBuilder("scenario,language,passed,screens,touches,seconds,failure\n");
            for (ScenarioPlayer.Result r : results) {
                csv.append(csvField(r.scenario())).append(',').append(r.language()).append(',').append(r.passed()).append(',')
                        .append(r.screens()).append(',').append(r.touches()).append(',')
                        .append(String.format(Locale.ROOT, "%.3f", r.duration().toMillis() / 1000.0)).append(',')
                        .append(csvField(r.failure())).append('\n');
            }
            Files.writeString(out.resolve("results.csv"), csv, StandardCharsets.UTF_8);
        }

        private static String csvField(String text) {
            return "\"" + text.replace("\"", "\"\"") + "\"";
        }
    }

    @Command(name = "report", mixinStandardHelpOptions = true,
            description = "Writes one HTML page per study of the sessions in DIR (sessions.json of demo --record or"
                    + " usability run): time per screen, touches, missed touches, errors and going back, task completion,"
                    + " heat maps of the touches over each screen.")
    static final class Report implements Callable<Integer> {

        @Parameters(paramLabel = "DIR", description = "A directory with sessions.json (and screens/ with their pictures).")
        Path directory;

        @Option(names = "--out", paramLabel = "DIR", description = "Where the pages go (default: DIR).")
        Path out;

        @Spec
        picocli.CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter print = spec.commandLine().getOut();
            if (!Files.isRegularFile(directory.resolve(SessionFiles.SESSIONS_JSON))) {
                print.println("no " + SessionFiles.SESSIONS_JSON + " in " + directory);
                return 2;
            }
            try {
                List<Path> pages = new com.valuekiosk.kiosk.demo.usability.report.StudyReport(java.time.Clock.systemUTC())
                        .write(directory, out != null ? out : directory);
                pages.forEach(page -> print.println("wrote " + page));
                return 0;
            } catch (IOException | RuntimeException e) {
                print.println("cannot write the report of " + directory + ": " + e.getMessage());
                return 2;
            }
        }
    }
}
