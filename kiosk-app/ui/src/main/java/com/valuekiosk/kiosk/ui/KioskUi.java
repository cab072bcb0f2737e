package com.valuekiosk.kiosk.ui;

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
import com.valuekiosk.kiosk.ui.receipt.ReceiptView;
import com.valuekiosk.kiosk.ui.receipt.ReceiptViewModel;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import javafx.scene.Parent;
import javafx.scene.Scene;
import javafx.scene.control.Label;
import javafx.scene.control.ToggleButton;
import javafx.scene.control.ToggleGroup;
import javafx.scene.layout.BorderPane;
import javafx.scene.layout.HBox;

/**
 * The composition root of the screens: builds every view model and view on one {@link KioskFlows}, and the
 * shell around them — a header with the language switch (so the language can be changed on every screen)
 * and the current screen below it. FX thread only.
 */
public final class KioskUi {

    public static final double WIDTH = 1280;
    public static final double HEIGHT = 800;

    private final Messages messages;
    private final Navigator navigator = new Navigator();
    private final Map<Screen, View> views = new EnumMap<>(Screen.class);
    private final BorderPane shell = new BorderPane();

    private final ProcessingViewModel processing = new ProcessingViewModel();
    private final ErrorViewModel errors;
    private final CardPresence cards;
    private final ChargeUpProcess chargeUp;
    private final ReceiptViewModel receipt;
    private final PurchaseViewModel purchase;
    private final BalanceViewModel balance;
    private final MenuViewModel menu;

    public KioskUi(KioskFlows flows, BackgroundWork background, UiSettings settings) {
        Objects.requireNonNull(flows, "flows");
        Objects.requireNonNull(background, "background");
        Objects.requireNonNull(settings, "settings");
        messages = new Messages(settings.startLocale());
        errors = new ErrorViewModel(navigator);
        cards = new CardPresence(flows, background);
        chargeUp = new ChargeUpProcess(flows, background, navigator, processing, errors, cards);
        receipt = new ReceiptViewModel(messages, settings, background, navigator, chargeUp);
        purchase = new PurchaseViewModel(flows, background, navigator, processing, errors, receipt, cards);
        balance = new BalanceViewModel(flows, background, navigator, processing, errors, cards);
        menu = new MenuViewModel(purchase, balance, chargeUp);
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
    }

    private void add(Screen screen, Resettable model, View view) {
        navigator.register(screen, model);
        view.root().setId("screen-" + screen.name().toLowerCase(Locale.ROOT).replace('_', '-'));
        views.put(screen, view);
    }

    private HBox header() {
        Label title = new Label();
        title.textProperty().bind(messages.text(Keys.APP_TITLE));
        ToggleGroup languages = new ToggleGroup();
        ToggleButton japanese = language("lang-ja", Keys.LANGUAGE_JA, Messages.JAPANESE, languages);
        ToggleButton english = language("lang-en", Keys.LANGUAGE_EN, Messages.ENGLISH, languages);
        HBox header = new HBox(title, com.valuekiosk.kiosk.ui.controls.Views.spacer(), japanese, english);
        header.getStyleClass().add(Styles.HEADER);
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
        Scene scene = new Scene(shell, WIDTH, HEIGHT);
        scene.getStylesheets().add(Objects.requireNonNull(KioskUi.class.getResource(Styles.KIOSK_CSS), "kiosk.css").toExternalForm());
        return scene;
    }

    public Parent root() {
        return shell;
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

    /** Whether a card is in each reader, as the screens see it (from the readers' card events). */
    public CardPresence cards() {
        return cards;
    }
}
