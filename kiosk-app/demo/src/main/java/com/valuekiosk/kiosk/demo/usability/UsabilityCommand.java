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
 * per play the outcome, the failing step with what was expected and seen, the screens entered and the touches.
 * Exit code 1 when a play failed, 2 when a file cannot be read.
 */
@Command(name = "usability", mixinStandardHelpOptions = true, subcommands = UsabilityCommand.Run.class,
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
            } else {
                FxPlatform.headlessIfNoDisplay();
            }
            FxPlatform.start();
            Files.createDirectories(out);
            List<ScenarioPlayer.Result> results = new ArrayList<>();
            int play = 0;
            for (Scenario scenario : loaded) {
                for (int round = 0; round < repeat; round++) {
                    ScenarioPlayer.Result result = playOnFreshKiosk(scenario, out.resolve("kiosk-" + (++play)));
                    results.add(result);
                    print.println((result.passed() ? "PASS " : "FAIL ") + scenario.name() + " [" + scenario.language() + "]"
                            + String.format(Locale.ROOT, " — %d screens, %d touches, %.1f s", result.screens(),
                            result.touches(), result.duration().toMillis() / 1000.0)
                            + (result.passed() ? "" : "\n     " + result.failure()));
                    print.flush();
                }
            }
            write(results);
            long failed = results.stream().filter(r -> !r.passed()).count();
            print.println(results.size() - failed + " of " + results.size() + " plays passed; results in " + out);
            return failed == 0 ? 0 : 1;
        }

        private ScenarioPlayer.Result playOnFreshKiosk(Scenario scenario, Path data) throws Exception {
            DemoKiosk kiosk = DemoKiosk.start(data, java.util.Locale.JAPANESE);
            ExecutorService worker = Executors.newSingleThreadExecutor(task -> {
                Thread thread = new Thread(task, "usability-flows");
                thread.setDaemon(true);
                return thread;
            });
            Stage[] stage = new Stage[1];
            try {
                record Shown(KioskUi ui, Scene scene, CardPanelViewModel panel) {
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
                    return new Shown(ui, scene, panel);
                });
                // Every scenario starts at the menu with no card on either reader.
                FxPlatform.call(() -> {
                    shown.panel().cards().forEach(card -> {
                        if (shown.panel().canRemove(card).get()) {
                            shown.panel().remove(card);
                        }
                    });
                    shown.ui().navigator().home();
                    return null;
                });
                return new ScenarioPlayer(shown.ui(), shown.scene(), shown.panel(), Duration.ofSeconds(timeoutSeconds))
                        .play(scenario);
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
}
