package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.ui.audio.GuidanceSpeaker;
import com.valuekiosk.kiosk.ui.audio.ScreenGuidance;
import com.valuekiosk.kiosk.ui.controls.StepBar;
import com.valuekiosk.kiosk.ui.controls.Views;
import com.valuekiosk.kiosk.ui.receipt.ReceiptPrinter;
import com.valuekiosk.kiosk.ui.shell.FocusOrder;
import com.valuekiosk.kiosk.ui.shell.KeyboardControl;
import com.valuekiosk.kiosk.ui.shell.KeyboardTarget;
import com.valuekiosk.kiosk.ui.shell.ShellHost;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The kiosk's window content: the shell around the screens {@link KioskScreens} composes — a header with the
 * language switch (so the language can be changed on every screen) and the current screen below it. FX thread
 * only.
 *
 * <p>Shell (R-KI2): the header also holds the high-contrast switch ({@code theme-contrast}) and the title
 * ({@code header-title}) that {@link com.valuekiosk.kiosk.ui.shell.KioskMode} listens on for the attendant;
 * overlays (the idle warning, the attendant screen) lie over the screens; a physical keyboard works on every
 * screen ({@link KeyboardControl}) and each screen focuses its first control when it appears. The shell's parts
 * see this class only as a {@link ShellHost}.
 */
public final class KioskUi implements ShellHost {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final KioskScreens screens;
    private final Messages messages;
    private final Navigator navigator;
    private final BorderPane shell = new BorderPane();
    // Shell: overlays above the screens, keyboard targets, theme, the title the attendant holds.
    private final StackPane layers = new StackPane(shell);
    private final List<Overlay> overlays = new ArrayList<>();
    private final BooleanProperty highContrast = new SimpleBooleanProperty(this, "highContrast");
    private final Label title = new Label();
    private final GuidanceSpeaker speaker;

    /** Screens without spoken guidance and without a receipt printer. */
    public KioskUi(KioskFlows flows, BackgroundWork background, UiSettings settings) {
        this(flows, background, settings, GuidanceSpeaker.silent(), Optional.empty());
    }

    /**
     * Screens that speak their instructions through {@code speaker} ({@code GuidanceSpeaker.forSite(settings)})
     * and print receipts on {@code printer} ({@code ReceiptPrinter.forSite(settings)}; empty: no print button).
     */
    public KioskUi(KioskFlows flows, BackgroundWork background, UiSettings settings, GuidanceSpeaker speaker,
                   Optional<ReceiptPrinter> printer) {
        this(new KioskScreens(flows, background, settings, printer), speaker);
    }

    /** The shell around {@code screens}, silent. */
    public KioskUi(KioskScreens screens) {
        this(screens, GuidanceSpeaker.silent());
    }

    /** The shell around {@code screens}, speaking their instructions through {@code speaker}. */
    public KioskUi(KioskScreens screens, GuidanceSpeaker speaker) {
        this.screens = Objects.requireNonNull(screens, "screens");
        this.speaker = Objects.requireNonNull(speaker, "speaker");
        KioskFonts.load();
        messages = screens.messages();
        navigator = screens.navigator();

        shell.setTop(new javafx.scene.layout.VBox(header(), StepBar.of(new Journey(navigator), messages)));
        shell.setCenter(screenRoot(navigator.current()));
        navigator.currentProperty().addListener((o, was, now) -> shell.setCenter(screenRoot(now)));
        shellSetUp();
        ScreenGuidance.follow(navigator, messages, speaker);
    }

    private Parent screenRoot(Screen screen) {
        return screens.view(screen).root();
    }

    /**
     * Gives the current screen's main action the keyboard focus; for a window that lays out {@link #root()} with
     * something else (the demo's card panel), once its scene exists.
     */
    public void focusCurrentScreen() {
        focusScreen(navigator.current());
    }

    /** The screen's main action ({@link View#initialFocus()}), else its first control. */
    private void focusScreen(Screen screen) {
        View view = screens.view(screen);
        view.initialFocus().filter(node -> node.isVisible() && !node.isDisabled())
                .ifPresentOrElse(Node::requestFocus, () -> FocusOrder.focusFirst(view.root()));
    }

    // ---- Shell: keyboard, focus, theme, overlays (feature "shell") ----

    private record Overlay(Parent root, KeyboardTarget keys) {
    }

    private void shellSetUp() {
        KeyboardControl.install(layers, () -> overlays.isEmpty() ? screens.keys(navigator.current())
                : overlays.get(overlays.size() - 1).keys());
        navigator.currentProperty().addListener((o, was, now) -> {
            if (overlays.isEmpty()) {
                focusScreen(now);
            }
        });
        String highContrastCss = Objects.requireNonNull(KioskUi.class.getResource(Styles.HIGH_CONTRAST_CSS), "high-contrast.css")
                .toExternalForm();
        // On the root, not the scene: it covers the overlays too and outranks kiosk.css on the scene.
        highContrast.addListener((o, was, on) -> {
            if (on) {
                layers.getStylesheets().add(highContrastCss);
            } else {
                layers.getStylesheets().remove(highContrastCss);
            }
        });
    }

    @Override
    public void showOverlay(Parent root, KeyboardTarget keys) {
        Objects.requireNonNull(root, "root");
        Objects.requireNonNull(keys, "keys");
        if (overlays.stream().anyMatch(shown -> shown.root() == root)) {
            return;
        }
        overlays.add(new Overlay(root, keys));
        layers.getChildren().add(root);
        shell.setDisable(true);
        FocusOrder.focusFirst(root);
    }

    @Override
    public void hideOverlay(Parent root) {
        if (overlays.removeIf(shown -> shown.root() == root)) {
            layers.getChildren().remove(root);
            shell.setDisable(!overlays.isEmpty());
            if (overlays.isEmpty()) {
                focusScreen(navigator.current());
            } else {
                FocusOrder.focusFirst(overlays.get(overlays.size() - 1).root());
            }
        }
    }

    public boolean isOverlayShown(Parent root) {
        return overlays.stream().anyMatch(shown -> shown.root() == root);
    }

    /**
     * Forgets what the last person chose for themselves — language, high contrast, muted guidance — so that the
     * next one finds the kiosk as the site set it up. The idle timeout calls it on its way back to the menu.
     */
    @Override
    public void forgetPersonalChoices() {
        messages.setLocale(screens.settings().startLocale());
        highContrast.set(false);
        speaker.setMuted(false);
    }

    /** The high-contrast theme (header switch {@code theme-contrast}); kept across screens. */
    public BooleanProperty highContrastProperty() {
        return highContrast;
    }

    @Override
    public Node headerTitle() {
        return title;
    }

    @Override
    public UiSettings settings() {
        return screens.settings();
    }

    @Override
    public BackgroundWork background() {
        return screens.background();
    }

    private ToggleButton highContrastSwitch() {
        ToggleButton button = new ToggleButton();
        button.setId("theme-contrast");
        button.textProperty().bind(messages.text(Keys.HEADER_HIGH_CONTRAST));
        button.getStyleClass().add(Styles.HEADER_TOGGLE);
        button.selectedProperty().bindBidirectional(highContrast);
        return button;
    }

    // ---- end of shell ----

    private HBox header() {
        title.setId("header-title");
        title.setPickOnBounds(true);
        title.textProperty().bind(messages.text(Keys.APP_TITLE));
        ToggleGroup languages = new ToggleGroup();
        ToggleButton japanese = language("lang-ja", Keys.LANGUAGE_JA, Messages.JAPANESE, languages);
        ToggleButton english = language("lang-en", Keys.LANGUAGE_EN, Messages.ENGLISH, languages);
        HBox header = new HBox(title, Views.spacer(), japanese, english, highContrastSwitch());
        header.getStyleClass().add(Styles.HEADER);
        addGuidanceToggle(header);
        return header;
    }

    private ToggleButton language(String id, String key, Locale locale, ToggleGroup group) {
        ToggleButton button = new ToggleButton();
        button.setId(id);
        button.textProperty().bind(messages.text(key));
        button.getStyleClass().add(Styles.LANGUAGE_BUTTON);
        button.setToggleGroup(group);
        button.setSelected(messages.locale().equals(locale));
        button.setOnAction(e -> {
            messages.setLocale(locale);
            button.setSelected(true); // a second touch keeps the language chosen
        });
        messages.localeProperty().addListener((o, was, now) -> button.setSelected(now.equals(locale)));
        return button;
    }

    /** The kiosk's scene at its design size, 1280 × 800: the shell with the default theme. */
    public Scene scene() {
        return scene(WIDTH, HEIGHT);
    }

    /**
     * The kiosk's scene for a panel of {@code width} × {@code height}; every screen fits from 1024 × 768 up
     * ({@code ScreenLayoutTest}).
     */
    public Scene scene(double width, double height) {
        Scene scene = new Scene(layers, width, height);
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource(Styles.KIOSK_CSS), "kiosk.css").toExternalForm());
        focusScreen(navigator.current()); // the screen's main action, not the header's first button
        return scene;
    }

    /** The shell with its overlays, for a window that lays it out with something else (the demo's card panel). */
    public Parent root() {
        return layers;
    }

    @Override
    public Messages messages() {
        return messages;
    }

    @Override
    public Navigator navigator() {
        return navigator;
    }

    // --- Output: spoken guidance and its mute in the header (R-KI2); receipt printing is wired in KioskScreens ---

    /** The header's voice guidance toggle ({@code audio-mute}), at its end; none when the site has guidance off. */
    private void addGuidanceToggle(HBox header) {
        if (!speaker.enabled()) {
            return;
        }
        ToggleButton mute = new ToggleButton();
        mute.setId("audio-mute");
        mute.getStyleClass().add(Styles.LANGUAGE_BUTTON);
        mute.selectedProperty().bindBidirectional(speaker.mutedProperty());
        mute.textProperty().bind(messages.text(() -> messages.get(speaker.muted() ? Keys.AUDIO_GUIDANCE_OFF
                : speaker.deviceMissingProperty().get() ? Keys.AUDIO_GUIDANCE_NO_DEVICE : Keys.AUDIO_GUIDANCE_ON),
                speaker.mutedProperty(), speaker.deviceMissingProperty()));
        header.getChildren().add(mute);
    }
}
