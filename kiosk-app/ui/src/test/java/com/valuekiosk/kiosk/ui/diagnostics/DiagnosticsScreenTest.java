package com.valuekiosk.kiosk.ui.diagnostics;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Diagnostics;
import com.valuekiosk.kiosk.diagnostics.DiagnosticsSettings;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.NoFlows;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.kiosk.ui.shell.AttendantCode;
import com.valuekiosk.kiosk.ui.shell.AttendantTouches;
import com.valuekiosk.kiosk.ui.shell.KioskMode;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import javafx.scene.Node;
import javafx.scene.control.Label;
import javafx.scene.control.ListView;
import javafx.stage.Stage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The attendant's diagnostics screen (R-FT1) as a technician meets it: offered on the attendant screen, opened
 * only by the right code, in kiosk mode still; the checks run on this kiosk (here: no PC/SC service, no servers
 * configured) and their results listed with the worst one's details; the report saved as JSON and HTML.
 */
class DiagnosticsScreenTest {

    private static final String CODE_HASH = AttendantCode.hash("9753".toCharArray());
    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final AtomicInteger exits = new AtomicInteger();
    private KioskMode kioskMode;
    private Diagnostics diagnostics;
    private DiagnosticsViewModel model;

    @BeforeEach
    void kiosk() throws Exception {
        UiSettings settings = new UiSettings(SaleSettings.yen().withZone(ZoneOffset.UTC), directory, Messages.ENGLISH)
                .withKioskMode(true);
        // This machine's PC/SC as a kiosk without pcscd sees it: no service.
        diagnostics = new Diagnostics(DiagnosticsSettings.readersOnly(Optional::empty).withClock(clock));
        kioskStage.show(() -> new KioskUi(new KioskScreens(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run), settings)),
                KioskUi::scene, (Stage primary, KioskUi created) -> {
                    kioskMode = KioskMode.apply(primary, created, new AttendantCode(CODE_HASH, clock), exits::incrementAndGet, clock);
                    model = new DiagnosticsViewModel(diagnostics, created.background(), directory.resolve("reports"), clock);
                });
    }

    @AfterEach
    void leaveKioskMode() throws Exception {
        FxToolkit.setupFixture(() -> kioskMode.leave());
        diagnostics.close();
    }

    @Test
    void theAttendantScreenOffersDiagnosticsOnlyWhenTheKioskHasThem() throws Exception {
        openAttendantScreen();
        assertThat(robot.lookup("#attendant-diagnostics").query().isVisible()).isFalse();
        robot.clickOn("#attendant-back");

        FxToolkit.setupFixture(() -> kioskMode.offerDiagnostics(model));
        openAttendantScreen();
        assertThat(robot.lookup("#attendant-diagnostics").query().isVisible()).isTrue();
        assertThat(robot.lookup("#attendant-diagnostics").queryButton().isDisabled()).as("no code typed").isTrue();
    }

    @Test
    void aWrongCodeOpensNothing() throws Exception {
        FxToolkit.setupFixture(() -> kioskMode.offerDiagnostics(model));
        openAttendantScreen();
        typeOnAttendantKeypad("1234");
        robot.clickOn("#attendant-diagnostics");
        assertThat(robot.text("#attendant-status")).isEqualTo("Wrong code.");
        assertThat(robot.lookup("#diagnostics-screen").tryQuery()).isEmpty();
    }

    @Test
    void theRightCodeOpensTheChecksWhichRunListTheirResultsAndSaveTheReport() throws Exception {
        FxToolkit.setupFixture(() -> kioskMode.offerDiagnostics(model));
        openAttendantScreen();
        typeOnAttendantKeypad("9753");
        robot.clickOn("#attendant-diagnostics");

        assertThat(robot.lookup("#diagnostics-screen").tryQuery()).isPresent();
        assertThat(robot.lookup("#attendant-screen").tryQuery()).isEmpty();
        assertThat(kioskMode.isActive()).as("diagnostics keep the kiosk in kiosk mode").isTrue();
        assertThat(exits).hasValue(0);
        assertThat(robot.lookup("#diagnostics-save").queryButton().isDisabled()).as("nothing to save yet").isTrue();

        robot.clickOn("#diagnostics-run");
        @SuppressWarnings("unchecked")
        ListView<CheckResult> results = robot.lookup("#diagnostics-results").queryAs(ListView.class);
        assertThat(results.getItems()).extracting(CheckResult::verdict).containsExactly(Verdict.FAIL, Verdict.WARN);
        assertThat(results.getItems().get(0).message()).containsIgnoringCase("PC/SC");
        assertThat(results.getItems().get(1).message()).contains("no servers to check");
        assertThat(robot.text("#diagnostics-status")).isEqualTo("Checks done — 0 PASS, 1 WARN, 1 FAIL");
        assertThat(results.getSelectionModel().getSelectedItem()).as("the worst result is shown first")
                .isSameAs(results.getItems().get(0));
        assertThat(detailTexts()).first().asString().startsWith("PC/SC readers, their features and cards");

        robot.clickOn(robot.from(results).lookup(".list-cell").nth(1).queryAs(Node.class));
        assertThat(detailTexts()).anyMatch(text -> text.startsWith("WARN: no servers to check"));

        String base = "diagnostics-" + java.time.format.DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")
                .withZone(ZoneOffset.UTC).format(clock.instant());
        robot.clickOn("#diagnostics-save");
        List<Path> saved;
        try (Stream<Path> files = Files.list(directory.resolve("reports"))) {
            saved = files.sorted().toList();
        }
        assertThat(saved).extracting(path -> path.getFileName().toString())
                .containsExactly(base + ".html", base + ".json");
        assertThat(Files.readString(saved.get(1), StandardCharsets.UTF_8)).contains("\"readers\"").contains("FAIL");
        assertThat(robot.text("#diagnostics-status")).startsWith("Report saved — " + base + ".json, " + base + ".html");

        robot.clickOn("#diagnostics-close");
        assertThat(robot.lookup("#diagnostics-screen").tryQuery()).isEmpty();
        assertThat(robot.lookup("#menu-purchase").tryQuery()).as("the menu, as before").isPresent();
    }

    private List<String> detailTexts() {
        return robot.lookup("#diagnostics-details").query().lookupAll(".label").stream()
                .map(node -> ((Label) node).getText()).toList();
    }

    private void openAttendantScreen() {
        new AttendantTouches(robot, clock).openAttendantScreen();
    }

    private void typeOnAttendantKeypad(String digits) {
        new AttendantTouches(robot, clock).type(digits);
    }
}
