package com.valuekiosk.kiosk.ui.shell;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskScreens;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.NoFlows;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.ScreenRobot;
import com.valuekiosk.kiosk.ui.Styles;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.server.testing.MutableClock;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.scene.Node;
import javafx.scene.input.KeyCode;
import javafx.scene.input.MouseButton;
import javafx.scene.layout.Region;
import javafx.scene.paint.Color;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.api.FxToolkit;

/**
 * The shell on the screens without flows: kiosk mode and the attendant, the idle warning and what it wipes,
 * the high-contrast switch, the keyboard and the texts screen readers get. Time is a hand-moved clock; the
 * attendant code is checked on the FX thread (current-thread background work).
 */
class ShellScreensTest {

    /** Hashed once for the class (Argon2id is slow on purpose). */
    private static final String CODE_HASH = AttendantCode.hash("9753".toCharArray());
    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private final ScreenRobot robot = new ScreenRobot();
    private final MutableClock clock = new MutableClock(Instant.parse("2026-11-02T09:00:00Z"));
    private final AtomicInteger exits = new AtomicInteger();
    private Stage stage;
    private KioskUi ui;
    private KioskScreens screens;
    private IdleTimeout idle;
    private KioskMode kioskMode;

    @BeforeEach
    void kiosk() throws Exception {
        stage = kioskStage.primary();
        start(true);
    }

    private void start(boolean kioskModeOn) throws Exception {
        UiSettings settings = new UiSettings(SaleSettings.yen().withZone(ZoneOffset.UTC), directory, Messages.ENGLISH)
                .withIdleTimeout(Duration.ofSeconds(60)).withKioskMode(kioskModeOn);
        ui = kioskStage.show(() -> new KioskUi(screens = new KioskScreens(new NoFlows(), new BackgroundWork(Runnable::run, Runnable::run),
                        settings)),
                KioskUi::scene, (primary, created) -> {
                    idle = new IdleTimeout(created, created.settings().idleTimeout(), Duration.ofSeconds(15), clock);
                    idle.install(created, primary.getScene());
                    kioskMode = KioskMode.apply(primary, created, new AttendantCode(CODE_HASH, clock), exits::incrementAndGet, clock);
                });
    }

    /** Runs before the stage is cleaned up: kiosk mode would otherwise keep the window full screen on top. */
    @AfterEach
    void leaveKioskMode() throws Exception {
        FxToolkit.setupFixture(() -> {
            if (kioskMode != null) {
                kioskMode.leave();
            }
        });
    }

    // ---------------------------------------------------------------- kiosk mode and the attendant

    @Test
    void inKioskModeTheWindowIsFullScreenOnTopAndRefusesToClose() throws Exception {
        assertThat(kioskMode.isActive()).isTrue();
        assertThat(stage.isFullScreen()).isTrue();
        assertThat(stage.isAlwaysOnTop()).isTrue();
        assertThat(stage.getFullScreenExitHint()).isEmpty();
        assertThat(stage.getFullScreenExitKeyCombination()).isEqualTo(javafx.scene.input.KeyCombination.NO_MATCH);

        FxToolkit.setupFixture(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(stage.isShowing()).as("close request consumed").isTrue();
        FxToolkit.setupFixture(() -> stage.setFullScreen(false));
        assertThat(stage.isFullScreen()).as("back to full screen at once").isTrue();
        assertThat(exits).hasValue(0);
    }

    @Test
    void withKioskModeOffTheWindowIsANormalOneThatCloses() throws Exception {
        FxToolkit.setupFixture(() -> kioskMode.leave());
        FxToolkit.cleanupStages();
        start(false);
        assertThat(kioskMode.isActive()).isFalse();
        assertThat(stage.isFullScreen()).isFalse();
        assertThat(stage.isAlwaysOnTop()).isFalse();
        FxToolkit.setupFixture(() -> stage.fireEvent(new WindowEvent(stage, WindowEvent.WINDOW_CLOSE_REQUEST)));
        assertThat(stage.isShowing()).isFalse();
    }

    @Test
    void holdingTheTitleOpensTheAttendantScreenAWrongCodeStaysARightCodeExits() {
        robot.moveTo("#header-title").press(MouseButton.PRIMARY);
        clock.advance(Duration.ofSeconds(1));
        robot.release(MouseButton.PRIMARY);
        assertThat(robot.lookup("#attendant-screen").tryQuery()).as("a short touch is not the gesture").isEmpty();

        openAttendantScreen();
        assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);
        assertThat(focusedId()).as("the focus moved onto the attendant screen").isEqualTo("attendant-code");

        typeOnAttendantKeypad("1234");
        assertThat(robot.text("#attendant-code")).isEqualTo("●●●●");
        assertThat(robot.lookup("#attendant-code").query().getAccessibleText()).isEqualTo("Attendant code, 4 digits typed");
        robot.clickOn("#attendant-leave");
        assertThat(robot.text("#attendant-status")).isEqualTo("Wrong code.");
        assertThat(robot.text("#attendant-code")).as("the wrong code is gone").isEmpty();
        assertThat(exits).hasValue(0);
        assertThat(kioskMode.isActive()).isTrue();

        typeOnAttendantKeypad("9753");
        robot.clickOn("#attendant-leave");
        assertThat(exits).hasValue(1);
        assertThat(kioskMode.isActive()).isFalse();
        assertThat(stage.isFullScreen()).isFalse();
        assertThat(robot.lookup("#attendant-screen").tryQuery()).isEmpty();
    }

    @Test
    void backClosesTheAttendantScreenAndTheCodeTypedIsWiped() {
        openAttendantScreen();
        robot.push(KeyCode.DIGIT9).push(KeyCode.NUMPAD7);
        assertThat(kioskMode.attendant().codeLengthProperty().get()).as("physical keys type the code").isEqualTo(2);
        robot.push(KeyCode.ESCAPE);
        assertThat(robot.lookup("#attendant-screen").tryQuery()).isEmpty();
        assertThat(kioskMode.attendant().codeLengthProperty().get()).isZero();
        assertThat(exits).hasValue(0);
    }

    private void openAttendantScreen() {
        new AttendantTouches(robot, clock).openAttendantScreen();
    }

    private void typeOnAttendantKeypad(String digits) {
        new AttendantTouches(robot, clock).type(digits);
    }

    // ---------------------------------------------------------------- idle timeout

    @Test
    void afterTheTimeoutAWarningCountsDownThenTheMenuWithEverythingTypedWiped() {
        robot.clickOn("#menu-purchase");
        robot.push(KeyCode.DIGIT1).push(KeyCode.DIGIT2).push(KeyCode.DIGIT3).push(KeyCode.DIGIT4);
        robot.clickOn("#preset-5000");
        assertThat(screens.purchase().pinLengthProperty().get()).isEqualTo(4);

        clock.advance(Duration.ofSeconds(59));
        tick();
        assertThat(idle.warningShownProperty().get()).isFalse();
        clock.advance(Duration.ofSeconds(1));
        tick();
        assertThat(robot.lookup("#idle-warning").tryQuery()).isPresent();
        assertThat(robot.text("#idle-countdown")).isEqualTo("Back to the menu in 15 seconds. What you typed will be cleared.");
        clock.advance(Duration.ofMillis(14_500));
        tick();
        assertThat(robot.text("#idle-countdown")).startsWith("Back to the menu in 1 seconds");
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);

        clock.advance(Duration.ofMillis(500));
        tick();
        assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);
        assertThat(robot.lookup("#idle-warning").tryQuery()).isEmpty();
        assertThat(screens.purchase().pinLengthProperty().get()).isZero();
        assertThat(screens.purchase().amountValue().get()).isZero();
    }

    @Test
    void continueOrAnyTouchStartsTheWaitAgain() {
        robot.clickOn("#menu-purchase");
        robot.push(KeyCode.DIGIT1);
        clock.advance(Duration.ofSeconds(65));
        tick();
        robot.clickOn("#idle-continue");
        assertThat(robot.lookup("#idle-warning").tryQuery()).isEmpty();
        clock.advance(Duration.ofSeconds(59));
        tick();
        assertThat(idle.warningShownProperty().get()).isFalse();
        robot.clickOn("#key-2");
        clock.advance(Duration.ofSeconds(59));
        tick();
        assertThat(idle.warningShownProperty().get()).isFalse();
        assertThat(screens.purchase().pinLengthProperty().get()).isEqualTo(2);
    }

    @Test
    void theMenuAndTheProcessingScreenNeverTimeOut() throws Exception {
        clock.advance(Duration.ofMinutes(10));
        tick();
        assertThat(idle.warningShownProperty().get()).isFalse();
        FxToolkit.setupFixture(() -> ui.navigator().navigate(Screen.PROCESSING));
        for (int i = 0; i < 10; i++) {
            clock.advance(Duration.ofMinutes(1));
            tick();
        }
        assertThat(idle.warningShownProperty().get()).isFalse();
        assertThat(ui.navigator().current()).as("the flow runs to its end").isEqualTo(Screen.PROCESSING);
    }

    private void tick() {
        robot.interact(idle::tick);
    }

    // ---------------------------------------------------------------- theme

    @Test
    void theHighContrastSwitchRestylesEveryScreenAndStaysOnAcrossScreens() {
        Region purchaseButton = robot.lookup("#menu-purchase").query();
        Color normal = (Color) purchaseButton.getBackground().getFills().get(0).getFill();
        robot.clickOn("#theme-contrast");
        assertThat(ui.highContrastProperty().get()).isTrue();
        robot.interact(() -> ui.root().applyCss());
        assertThat(purchaseButton.getBackground().getFills().get(0).getFill()).isEqualTo(Color.web("#ffd700")).isNotEqualTo(normal);

        robot.clickOn("#menu-purchase");
        Region pinField = robot.lookup("#pin-field").query();
        robot.interact(() -> ui.root().applyCss());
        assertThat(pinField.getBackground().getFills().get(0).getFill()).isEqualTo(Color.BLACK);
        robot.push(KeyCode.ESCAPE);
        assertThat(ui.navigator().current()).isEqualTo(Screen.MENU);
        assertThat(robot.lookup("#theme-contrast").queryAs(javafx.scene.control.ToggleButton.class).isSelected()).isTrue();
        assertThat(ui.root().getStylesheets()).anyMatch(css -> css.endsWith(Styles.HIGH_CONTRAST_CSS.substring(1)));

        robot.clickOn("#theme-contrast");
        assertThat(ui.root().getStylesheets()).isEmpty();
    }

    // ---------------------------------------------------------------- keyboard and screen readers

    @Test
    void onTheMenuTabGoesThroughTheServicesThenTheHeaderAndEnterChooses() {
        assertThat(focusedId()).as("the first service has the focus").isEqualTo("menu-purchase");
        // The language switch is one toggle group: Tab stops at the language chosen, the arrow keys change it.
        assertThat(tabOrder(5)).containsExactly("menu-balance", "menu-chargeup", "lang-en", "theme-contrast", "menu-purchase");
        robot.push(KeyCode.ENTER);
        assertThat(ui.navigator().current()).isEqualTo(Screen.PURCHASE);
    }

    @Test
    void onThePurchaseScreenFieldsPresetsKeypadThenTransmitAndTheTextsSayWhatTheyAre() {
        robot.clickOn("#lang-en");
        robot.clickOn("#menu-purchase");
        // The screen opens on its main action, the PIN (how the person pays, above, is a choice already made).
        assertThat(focusedId()).isEqualTo("pin-field");
        assertThat(tabOrder(18)).containsExactly("amount-field", "preset-1000", "preset-2000", "preset-3000", "preset-5000",
                "preset-10000", "key-1", "key-2", "key-3", "key-4", "key-5", "key-6", "key-7", "key-8", "key-9", "key-delete",
                "key-0", "key-clear");

        assertThat(accessibleText("#pin-field")).isEqualTo("PIN, 0 digits typed");
        robot.push(KeyCode.DIGIT4).push(KeyCode.NUMPAD3).push(KeyCode.DIGIT2);
        assertThat(robot.text("#pin-field")).isEqualTo("●●●");
        assertThat(accessibleText("#pin-field")).as("the count, never the circles or digits").isEqualTo("PIN, 3 digits typed");
        robot.push(KeyCode.BACK_SPACE);
        assertThat(accessibleText("#pin-field")).isEqualTo("PIN, 2 digits typed");
        assertThat(accessibleText("#amount-field")).isEqualTo("Amount, nothing typed yet");
        assertThat(accessibleText("#preset-3000")).isEqualTo("Choose the amount ¥3,000");
        assertThat(accessibleText("#key-7")).isEqualTo("Digit 7");
        assertThat(accessibleText("#key-delete")).isEqualTo("Delete the last digit");
        assertThat(accessibleText("#key-clear")).isEqualTo("Clear all digits");

        robot.clickOn("#amount-field");
        robot.push(KeyCode.DIGIT1).push(KeyCode.DIGIT5).push(KeyCode.DIGIT0).push(KeyCode.DIGIT0);
        assertThat(robot.text("#amount-field")).isEqualTo("¥1,500");
        assertThat(accessibleText("#amount-field")).isEqualTo("Amount, ¥1,500");

        robot.clickOn("#lang-ja");
        assertThat(accessibleText("#pin-field")).isEqualTo("暗証番号、2桁入力済み");
        assertThat(accessibleText("#preset-3000")).isEqualTo("金額¥3,000を選ぶ");

        robot.push(KeyCode.ESCAPE);
        assertThat(ui.navigator().current()).as("Escape is the back button").isEqualTo(Screen.MENU);
        assertThat(screens.purchase().pinLengthProperty().get()).isZero();
    }

    @Test
    void onTheConfirmationYesHasTheFocusThenNoAndEnterAnswers() throws Exception {
        FxToolkit.setupFixture(() -> ui.navigator().navigate(Screen.CONFIRM));
        assertThat(focusedId()).isEqualTo("confirm-yes");
        assertThat(tabOrder(1)).containsExactly("confirm-no");
        assertThat(robot.lookup("#confirm-yes").queryButton().isFocusTraversable()).isTrue();
        robot.push(KeyCode.ESCAPE);
        assertThat(ui.navigator().current()).as("no back on the confirmation").isEqualTo(Screen.CONFIRM);
    }

    @Test
    void screensOpenOnTheirMainActionNeverOnBackToMenu() throws Exception {
        FxToolkit.setupFixture(() -> ui.navigator().navigate(Screen.RECEIPT));
        assertThat(focusedId()).as("the receipt: charge up now").isEqualTo("receipt-chargeup");
        FxToolkit.setupFixture(() -> ui.navigator().navigate(Screen.CHARGE_UP));
        assertThat(focusedId()).as("place the card: no button is the action, so none has the focus")
                .startsWith("screen-charge-up");
        robot.push(KeyCode.ENTER);
        assertThat(ui.navigator().current()).as("Enter does not leave").isEqualTo(Screen.CHARGE_UP);
        FxToolkit.setupFixture(() -> ui.navigator().navigate(Screen.BALANCE));
        assertThat(focusedId()).isEqualTo("screen-balance");
    }

    private List<String> tabOrder(int steps) {
        List<String> order = new ArrayList<>();
        for (int i = 0; i < steps; i++) {
            robot.push(KeyCode.TAB);
            order.add(focusedId());
        }
        return order;
    }

    private String focusedId() {
        Node owner = stage.getScene().getFocusOwner();
        return owner == null ? null : owner.getId();
    }

    private String accessibleText(String query) {
        return robot.lookup(query).query().getAccessibleText();
    }
}
