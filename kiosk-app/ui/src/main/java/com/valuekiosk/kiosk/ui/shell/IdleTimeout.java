package com.valuekiosk.kiosk.ui.shell;

import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.Settleable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import javafx.animation.Animation;
import javafx.animation.KeyFrame;
import javafx.animation.Timeline;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyIntegerWrapper;
import javafx.event.Event;
import javafx.event.EventHandler;
import javafx.scene.Scene;
import javafx.scene.input.KeyEvent;
import javafx.scene.input.MouseEvent;
import javafx.scene.input.ScrollEvent;
import javafx.scene.input.TouchEvent;

/**
 * Back to the menu when the person walked away (R-KI2). Any touch, click or key on the scene, and every
 * change of screen, restarts the wait. After {@code timeout} without input on a screen other than the menu,
 * "Are you still there?" counts down {@code warning} with a Continue button; then the open transaction is
 * settled first — every {@link Settleable} process, through the {@link Navigator} — and the kiosk goes home
 * ({@link Navigator#home()}: everything typed is wiped). What the processes do:
 * <ul>
 *   <li>processing screen: never times out — the flow command runs to its end;</li>
 *   <li>purchase before TRANSMIT (or its wrong-PIN error): the flow is closed, the card session released;</li>
 *   <li>charge-up confirmation (FIG. 10B): NO — the VALUE stays kept for later and that screen says so;</li>
 *   <li>card taken away during the write: its error screen stays (the engine settles at the next tap).</li>
 * </ul>
 * Time comes from an injected clock and {@link #tick()}: {@link #start()} ticks with a JavaFX timeline, tests
 * call {@code tick()} themselves. A view model without nodes; {@link IdleWarningView} shows it. FX thread only.
 */
public final class IdleTimeout {

    /** How long "Are you still there?" counts down before the kiosk goes back to the menu. */
    public static final Duration WARNING = Duration.ofSeconds(15);
    private static final javafx.util.Duration TICK = javafx.util.Duration.millis(250);

    private final ShellHost ui;
    private final Navigator navigator;
    private final Duration timeout;
    private final Duration warning;
    private final Clock clock;
    private final ReadOnlyBooleanWrapper warningShown = new ReadOnlyBooleanWrapper(this, "warningShown");
    private final ReadOnlyIntegerWrapper secondsLeft = new ReadOnlyIntegerWrapper(this, "secondsLeft");
    private final EventHandler<Event> anyInput = event -> input();
    private Instant lastInput;
    private Timeline ticker;

    /** {@code timeout} without input, then {@link #WARNING}; the system clock. */
    public IdleTimeout(ShellHost ui, Duration timeout) {
        this(ui, timeout, WARNING, Clock.systemUTC());
    }

    public IdleTimeout(ShellHost ui, Duration timeout, Duration warning, Clock clock) {
        Objects.requireNonNull(ui, "ui");
        this.ui = ui;
        this.navigator = ui.navigator();
        this.timeout = positive(timeout, "timeout");
        this.warning = positive(warning, "warning");
        this.clock = Objects.requireNonNull(clock, "clock");
        lastInput = clock.instant();
        navigator.currentProperty().addListener((o, was, now) -> input());
    }

    /**
     * The kiosk's idle timeout, running: {@link com.valuekiosk.kiosk.ui.UiSettings#idleTimeout()} of {@code ui}, input listened to on
     * {@code scene}, the warning shown over the screens, ticking on the FX thread.
     */
    public static IdleTimeout start(ShellHost ui, Scene scene) {
        IdleTimeout idle = new IdleTimeout(ui, ui.settings().idleTimeout());
        idle.install(ui, scene);
        idle.start();
        return idle;
    }

    /** Listens for input on {@code scene} and shows the warning over {@code ui}'s screens while it counts down. */
    public void install(ShellHost ui, Scene scene) {
        for (var type : java.util.List.of(MouseEvent.MOUSE_PRESSED, TouchEvent.TOUCH_PRESSED, KeyEvent.KEY_PRESSED,
                ScrollEvent.SCROLL_STARTED)) {
            scene.addEventFilter(type, anyInput);
        }
        IdleWarningView view = new IdleWarningView(this, ui.messages());
        warningShown.addListener((o, was, shown) -> {
            if (shown) {
                ui.showOverlay(view.root(), KeyboardTarget.back(this::stillHere));
            } else {
                ui.hideOverlay(view.root());
            }
        });
    }

    /** Ticks every 250 ms with a timeline. */
    public void start() {
        if (ticker == null) {
            ticker = new Timeline(new KeyFrame(TICK, e -> tick()));
            ticker.setCycleCount(Animation.INDEFINITE);
        }
        ticker.play();
    }

    public void stop() {
        if (ticker != null) {
            ticker.stop();
        }
    }

    /** A touch or key: the wait starts again and the warning goes away. */
    public void input() {
        lastInput = clock.instant();
        warningShown.set(false);
    }

    /** "Continue" on the warning. */
    public void stillHere() {
        input();
    }

    /** Looks at the clock: shows or counts down the warning, or times out. */
    public void tick() {
        Instant now = clock.instant();
        if (!mayTimeOut(navigator.current())) {
            lastInput = now;
            warningShown.set(false);
            return;
        }
        Duration overdue = Duration.between(lastInput, now).minus(timeout);
        if (overdue.isNegative()) {
            return;
        }
        Duration left = warning.minus(overdue);
        if (left.isNegative() || left.isZero()) {
            timeOut();
            return;
        }
        secondsLeft.set((int) ((left.toMillis() + 999) / 1000));
        warningShown.set(true);
    }

    private boolean mayTimeOut(Screen screen) {
        return screen != Screen.MENU && screen != Screen.PROCESSING && !navigator.holdsScreen();
    }

    private void timeOut() {
        warningShown.set(false);
        if (navigator.settleForIdle()) {
            navigator.home();
            ui.forgetPersonalChoices();
        }
        lastInput = clock.instant();
    }

    public ReadOnlyBooleanProperty warningShownProperty() {
        return warningShown.getReadOnlyProperty();
    }

    /** Whole seconds until the menu, while the warning shows. */
    public ReadOnlyIntegerProperty secondsLeftProperty() {
        return secondsLeft.getReadOnlyProperty();
    }

    private static Duration positive(Duration duration, String name) {
        Objects.requireNonNull(duration, name);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(name + " must be positive: " + duration);
        }
        return duration;
    }
}
