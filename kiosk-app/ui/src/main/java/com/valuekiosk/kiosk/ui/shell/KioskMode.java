package com.valuekiosk.kiosk.ui.shell;

import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsView;
import com.valuekiosk.kiosk.ui.diagnostics.DiagnosticsViewModel;
import java.time.Clock;
import java.util.Objects;
import javafx.beans.value.ChangeListener;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Node;
import javafx.scene.input.KeyCombination;
import javafx.scene.input.MouseEvent;
import javafx.stage.Stage;
import javafx.stage.WindowEvent;

/**
 * Kiosk mode (R-KI2) on the kiosk's window: full screen with no key combination that leaves it and no hint,
 * always on top, close requests (Alt+F4, the window manager) consumed. The only way out is the attendant:
 * holding the header title ({@link AttendantGesture}) opens the attendant screen, and the right
 * {@link AttendantCode} there leaves kiosk mode and runs {@code exit}. When the site has kiosk mode off
 * ({@link com.valuekiosk.kiosk.ui.UiSettings#kioskMode()}), {@link #apply} leaves the window as it is.
 * FX thread only.
 */
public final class KioskMode {

    private final Stage stage;
    private final ShellHost ui;
    private final AttendantGesture gesture;
    private final AttendantViewModel attendant;
    private final AttendantView attendantView;
    private final EventHandler<WindowEvent> refuseClose = Event::consume;
    private final ChangeListener<Boolean> stayFullScreen;
    private final EventHandler<MouseEvent> titlePressed;
    private final EventHandler<MouseEvent> titleReleased;
    private boolean active;

    private KioskMode(Stage stage, ShellHost ui, AttendantCode code, Runnable exit, Clock clock) {
        this.stage = Objects.requireNonNull(stage, "stage");
        this.ui = Objects.requireNonNull(ui, "ui");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(exit, "exit");
        gesture = new AttendantGesture(clock);
        attendant = new AttendantViewModel(code, ui.background(), () -> {
            leave();
            exit.run();
        });
        attendantView = new AttendantView(attendant, ui.messages());
        attendant.openProperty().addListener((o, was, open) -> {
            if (open) {
                ui.showOverlay(attendantView.root(), new KeyboardTarget(attendant::type, attendant::deleteLast, attendant::back));
            } else {
                ui.hideOverlay(attendantView.root());
            }
        });
        stayFullScreen = (o, was, full) -> {
            if (active && !full) {
                stage.setFullScreen(true);
            }
        };
        Node title = ui.headerTitle();
        titlePressed = e -> gesture.pressed();
        titleReleased = e -> {
            if (gesture.released(title.contains(title.sceneToLocal(e.getSceneX(), e.getSceneY())))) {
                attendant.open();
            }
        };
    }

    /** Kiosk mode with the system clock. {@code exit} runs after the attendant's right code (e.g. Platform::exit). */
    public static KioskMode apply(Stage stage, ShellHost ui, AttendantCode code, Runnable exit) {
        return apply(stage, ui, code, exit, Clock.systemUTC());
    }

    public static KioskMode apply(Stage stage, ShellHost ui, AttendantCode code, Runnable exit, Clock clock) {
        KioskMode mode = new KioskMode(stage, ui, code, exit, Objects.requireNonNull(clock, "clock"));
        if (ui.settings().kioskMode()) {
            mode.enter();
        }
        return mode;
    }

    private void enter() {
        active = true;
        stage.setFullScreenExitKeyCombination(KeyCombination.NO_MATCH);
        stage.setFullScreenExitHint("");
        stage.setAlwaysOnTop(true);
        stage.setFullScreen(true);
        stage.addEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, refuseClose);
        stage.fullScreenProperty().addListener(stayFullScreen);
        Node title = ui.headerTitle();
        title.addEventHandler(MouseEvent.MOUSE_PRESSED, titlePressed);
        title.addEventHandler(MouseEvent.MOUSE_RELEASED, titleReleased);
    }

    /** The window is a normal one again (after the attendant's code; tests). */
    public void leave() {
        if (!active) {
            return;
        }
        active = false;
        stage.removeEventFilter(WindowEvent.WINDOW_CLOSE_REQUEST, refuseClose);
        stage.fullScreenProperty().removeListener(stayFullScreen);
        Node title = ui.headerTitle();
        title.removeEventHandler(MouseEvent.MOUSE_PRESSED, titlePressed);
        title.removeEventHandler(MouseEvent.MOUSE_RELEASED, titleReleased);
        attendant.back();
        stage.setAlwaysOnTop(false);
        stage.setFullScreen(false);
        stage.setFullScreenExitKeyCombination(null);
        stage.setFullScreenExitHint(null);
    }

    public boolean isActive() {
        return active;
    }

    /**
     * Offers the diagnostics screen on the attendant screen: the right code opens it over the kiosk's screens, and
     * the kiosk stays in kiosk mode; closing it returns to the screen below.
     */
    public void offerDiagnostics(DiagnosticsViewModel diagnostics) {
        Objects.requireNonNull(diagnostics, "diagnostics");
        DiagnosticsView view = new DiagnosticsView(diagnostics, ui.messages());
        diagnostics.openProperty().addListener((o, was, open) -> {
            if (open) {
                ui.showOverlay(view.root(), new KeyboardTarget(digit -> { }, () -> { }, diagnostics::close));
            } else {
                ui.hideOverlay(view.root());
            }
        });
        attendant.offerDiagnostics(diagnostics::open);
    }

    /** The attendant screen's view model (tests, the launcher's self-check). */
    public AttendantViewModel attendant() {
        return attendant;
    }
}
