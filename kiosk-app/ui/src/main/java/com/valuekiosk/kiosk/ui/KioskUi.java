package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.ui.audio.GuidanceSpeaker;
import com.valuekiosk.kiosk.ui.audio.ScreenGuidance;
import com.valuekiosk.kiosk.ui.balance.BalanceView;
import com.valuekiosk.kiosk.ui.balance.BalanceViewModel;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpProcess;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpView;
import com.valuekiosk.kiosk.ui.chargeup.ChargeUpViewModel;
import com.valuekiosk.kiosk.ui.chargeup.CompletedView;
import com.valuekiosk.kiosk.ui.chargeup.CompletedViewModel;
import com.valuekiosk.kiosk.ui.chargeup.ConfirmView;
import com.valuekiosk.kiosk.ui.chargeup.ConfirmViewModel;
import com.valuekiosk.kiosk.ui.error.ErrorView;
import com.valuekiosk.kiosk.ui.error.ErrorViewModel;
import com.valuekiosk.kiosk.ui.menu.MenuView;
import com.valuekiosk.kiosk.ui.menu.MenuViewModel;
import com.valuekiosk.kiosk.ui.processing.ProcessingView;
import com.valuekiosk.kiosk.ui.processing.ProcessingViewModel;
import com.valuekiosk.kiosk.ui.purchase.PurchaseView;
import com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel;
import com.valuekiosk.kiosk.ui.receipt.ReceiptPrinter;
import com.valuekiosk.kiosk.ui.receipt.ReceiptView;
import com.valuekiosk.kiosk.ui.receipt.ReceiptViewModel;
import com.valuekiosk.kiosk.ui.shell.FocusOrder;
import com.valuekiosk.kiosk.ui.shell.KeyboardControl;
import com.valuekiosk.kiosk.ui.shell.KeyboardTarget;
import java.util.ArrayList;
import java.util.List;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import javafx.scene.Node;
import java.util.Optional;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;
import javafx.scene.layout.StackPane;

/**
 * The composition root of the screens: builds every view model and view on one {@link KioskFlows}, and the
 * shell around them — a header with the language switch (so the language can be changed on every screen)
 * and the current screen below it. FX thread only.
 *
 * <p>Shell (R-KI2): the header also holds the high-contrast switch ({@code theme-contrast}) and the title
 * ({@code header-title}) that {@link com.valuekiosk.kiosk.ui.shell.KioskMode} listens on for the attendant;
 * overlays (the idle warning, the attendant screen) lie over the screens; a physical keyboard works on every
 * screen ({@link KeyboardControl}) and each screen focuses its first control when it appears.
 */
public final class KioskUi {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final Messages messages;
    private final Navigator navigator = new Navigator();
    private final Map<Screen, View> views = new EnumMap<>(Screen.class);
    private final BorderPane shell = new BorderPane();
    // Shell: overlays above the screens, keyboard targets, theme, the title the attendant holds.
    private final StackPane layers = new StackPane(shell);
    private final List<Overlay> overlays = new ArrayList<>();
    private final Map<Screen, KeyboardTarget> keyboard = new EnumMap<>(Screen.class);
    private final BooleanProperty highContrast = new SimpleBooleanProperty(this, "highContrast");
    private final Label title = new Label();
    private final UiSettings settings;
    private final BackgroundWork background;

    private final ProcessingViewModel processing = new ProcessingViewModel();
    private final ErrorViewModel errors;
    private final CardPresence cards;
    private final ChargeUpProcess chargeUp;
    private final ReceiptViewModel receipt;
    private final PurchaseViewModel purchase;
    private final BalanceViewModel balance;
    private final MenuViewModel menu;
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
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(settings, "settings");
        this.settings = settings;
        this.background = background;
        this.speaker = Objects.requireNonNull(speaker, "speaker");
        messages = new Messages(settings.startLocale());
        errors = new ErrorViewModel(navigator);
        cards = new CardPresence(flows, background);
        chargeUp = new ChargeUpProcess(flows, background, navigator, processing, errors, cards);
        receipt = new ReceiptViewModel(messages, settings, background, navigator, chargeUp, printer);
        purchase = new PurchaseViewModel(flows, background, navigator, processing, errors, receipt, cards);
        balance = new BalanceViewModel(flows, background, navigator, processing, errors, cards);
        menu = new MenuViewModel(purchase, balance, chargeUp, flows.sellsValue());
        ChargeUpViewModel chargeUpScreen = new ChargeUpViewModel(chargeUp, navigator);
        ConfirmViewModel confirm = new ConfirmViewModel(chargeUp);
        CompletedViewModel completed = new CompletedViewModel(chargeUp, navigator);

        add(Screen.MENU, menu, new MenuView(menu, messages));
        add(Screen.PURCHASE, purchase, new PurchaseView(purchase, messages, settings));
        add(Screen.PROCESSING, processing, new ProcessingView(processing, messages));
        add(Screen.RECEIPT, receipt, new ReceiptView(receipt, messages));
        add(Screen.CHARGE_UP, chargeUpScreen, new ChargeUpView(chargeUpScreen, messages));
        add(Screen.CONFIRM, confirm, new ConfirmView(confirm, messages, settings));
        add(Screen.COMPLETED, completed, CompletedView.completed(completed, messages, settings));
        add(Screen.KEPT_FOR_LATER, completed, CompletedView.keptForLater(completed, messages, settings));
        add(Screen.BALANCE, balance, new BalanceView(balance, messages));
        add(Screen.ERROR, errors, new ErrorView(errors, messages));

        shell.setTop(header());
        shell.setCenter(views.get(navigator.current()).root());
        navigator.currentProperty().addListener((o, was, now) -> shell.setCenter(views.get(now).root()));
        shellSetUp(chargeUpScreen);
        ScreenGuidance.follow(navigator, messages, speaker);
    }

    // ---- Shell: keyboard, focus, theme, overlays (feature "shell") ----

    private record Overlay(Parent root, KeyboardTarget keys) {
    }

    private void shellSetUp(ChargeUpViewModel chargeUpScreen) {
        keyboard.put(Screen.PURCHASE, new KeyboardTarget(purchase::type, purchase::deleteLast, purchase::backToMenu));
        keyboard.put(Screen.CHARGE_UP, new KeyboardTarget(digit -> {
            if (chargeUpScreen.passwordNeededProperty().get()) {
                chargeUpScreen.type(digit);
            }
        }, chargeUpScreen::deleteLast, chargeUpScreen::backToMenu));
        keyboard.put(Screen.RECEIPT, KeyboardTarget.back(receipt::backToMenu));
        keyboard.put(Screen.COMPLETED, KeyboardTarget.back(() -> navigator.navigate(Screen.MENU)));
        keyboard.put(Screen.KEPT_FOR_LATER, KeyboardTarget.back(() -> navigator.navigate(Screen.MENU)));
        keyboard.put(Screen.BALANCE, KeyboardTarget.back(balance::backToMenu));
        keyboard.put(Screen.ERROR, KeyboardTarget.back(errors::backToMenu));
        KeyboardControl.install(layers, () -> overlays.isEmpty() ? keyboard.getOrDefault(navigator.current(), KeyboardTarget.NONE)
                : overlays.get(overlays.size() - 1).keys());
        navigator.currentProperty().addListener((o, was, now) -> {
            if (overlays.isEmpty()) {
                FocusOrder.focusFirst(views.get(now).root());
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

    /** Lays {@code root} over the screens (which take no input meanwhile); keys go to {@code keys}. */
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

    public void hideOverlay(Parent root) {
        if (overlays.removeIf(shown -> shown.root() == root)) {
            layers.getChildren().remove(root);
            shell.setDisable(!overlays.isEmpty());
            FocusOrder.focusFirst(overlays.isEmpty() ? views.get(navigator.current()).root() : overlays.get(overlays.size() - 1).root());
        }
    }

    public boolean isOverlayShown(Parent root) {
        return overlays.stream().anyMatch(shown -> shown.root() == root);
    }

    /**
     * Forgets what the last person chose for themselves — language, high contrast, muted guidance — so that the
     * next one finds the kiosk as the site set it up. The idle timeout calls it on its way back to the menu.
     */
    public void forgetPersonalChoices() {
        messages.setLocale(settings.startLocale());
        highContrast.set(false);
        speaker.setMuted(false);
    }

    /** The high-contrast theme (header switch {@code theme-contrast}); kept across screens. */
    public BooleanProperty highContrastProperty() {
        return highContrast;
    }

    /** The header title, where the attendant's gesture is recognised. */
    public Node headerTitle() {
        return title;
    }

    public UiSettings settings() {
        return settings;
    }

    public BackgroundWork background() {
        return background;
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

    private void add(Screen screen, Resettable model, View view) {
        navigator.register(screen, model);
        view.root().setId("screen-" + screen.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        views.put(screen, view);
    }

    private HBox header() {
        title.setId("header-title");
        title.setPickOnBounds(true);
        title.textProperty().bind(messages.text(Keys.APP_TITLE));
        ToggleGroup languages = new ToggleGroup();
        ToggleButton japanese = language("lang-ja", Keys.LANGUAGE_JA, Messages.JAPANESE, languages);
        ToggleButton english = language("lang-en", Keys.LANGUAGE_EN, Messages.ENGLISH, languages);
        HBox header = new HBox(title, com.valuekiosk.kiosk.ui.controls.Views.spacer(), japanese, english,
                highContrastSwitch());
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

    /** The kiosk's scene: the shell with the default theme. */
    public Scene scene() {
        Scene scene = new Scene(layers, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource(Styles.KIOSK_CSS), "kiosk.css").toExternalForm());
        FocusOrder.focusFirst(views.get(navigator.current()).root()); // the screen's first control, not the header's
        return scene;
    }

    public Parent root() {
        return layers;
    }

    public Messages messages() {
        return messages;
    }

    public Navigator navigator() {
        return navigator;
    }

    public MenuViewModel menu() {
        return menu;
    }

    public PurchaseViewModel purchase() {
        return purchase;
    }

    public ChargeUpProcess chargeUp() {
        return chargeUp;
    }

    public BalanceViewModel balance() {
        return balance;
    }

    public ProcessingViewModel processing() {
        return processing;
    }

    public ErrorViewModel errors() {
        return errors;
    }

    public ReceiptViewModel receipt() {
        return receipt;
    }

    // --- Output: spoken guidance and its mute in the header (R-KI2); receipt printing is wired in the constructor ---

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
                : Keys.AUDIO_GUIDANCE_ON), speaker.mutedProperty()));
        header.getChildren().add(mute);
    }

    public GuidanceSpeaker speaker() {
        return speaker;
    }

    /** Whether a card is in each reader, as the screens see it (from the readers' card events). */
    public CardPresence cards() {
        return cards;
    }
}
