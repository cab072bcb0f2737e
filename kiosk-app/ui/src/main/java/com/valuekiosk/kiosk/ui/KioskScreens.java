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
import com.valuekiosk.kiosk.ui.purchase.PurchaseProcess;
import com.valuekiosk.kiosk.ui.purchase.PurchaseView;
import com.valuekiosk.kiosk.ui.purchase.PurchaseViewModel;
import com.valuekiosk.kiosk.ui.receipt.ReceiptPrinter;
import com.valuekiosk.kiosk.ui.receipt.ReceiptView;
import com.valuekiosk.kiosk.ui.receipt.ReceiptViewModel;
import com.valuekiosk.kiosk.ui.shell.KeyboardTarget;
import com.valuekiosk.kiosk.ui.takecard.TakeCardView;
import com.valuekiosk.kiosk.ui.takecard.TakeCardViewModel;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The composition of the screens, in one place: the services they share ({@link Navigator}, {@link Messages},
 * {@link Progress}, {@link Problems}, {@link CardPresence}), the processes that drive the engine's flows across
 * screens, and every screen's view model, view and keyboard keys. Screens never know each other: where one
 * starts another (the menu, "charge up now", an approved purchase's receipt) this class hands in the command.
 * {@link KioskUi} shows what is built here. Build it on the FX thread.
 *
 * <p>The services, processes and view models are made here at once; a screen's view (its nodes) only when it is
 * first shown ({@link #view(Screen)}): the kiosk starts on the menu, and the other views built up front were work
 * the menu waited for at start-up (issue #16). A view binds to its view model's current state when it is built, so a
 * view built late shows what one built early would.
 *
 * <p>The accessors of the view models and processes are for tests and the screenshot renderer, which drive the
 * screens as a person would without looking for nodes; the kiosk itself needs none of them.
 */
public final class KioskScreens {

    private final UiSettings settings;
    private final BackgroundWork background;
    private final Messages messages;
    private final Navigator navigator = new Navigator();
    private final Progress progress = new Progress();
    private final Problems problems = new Problems(navigator);
    private final CardPresence cards;
    private final ChargeUpProcess chargeUp;
    private final PurchaseProcess purchaseProcess;
    private final MenuViewModel menu;
    private final PurchaseViewModel purchase;
    private final ReceiptViewModel receipt;
    private final BalanceViewModel balance;
    private final ErrorViewModel errors;
    /** How each screen's view is made; {@link #view(Screen)} makes it once. */
    private final Map<Screen, Supplier<View>> viewFactories = new EnumMap<>(Screen.class);
    private final Map<Screen, View> views = new EnumMap<>(Screen.class);
    private final Map<Screen, KeyboardTarget> keys = new EnumMap<>(Screen.class);

    /** Without a receipt printer. */
    public KioskScreens(KioskFlows flows, BackgroundWork background, UiSettings settings) {
        this(flows, background, settings, Optional.empty());
    }

    /** {@code printer}: the site's receipt printer ({@code ReceiptPrinter.forSite(settings)}); empty: no print button. */
    public KioskScreens(KioskFlows flows, BackgroundWork background, UiSettings settings, Optional<ReceiptPrinter> printer) {
        Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.settings = Objects.requireNonNull(settings, "settings");
        Objects.requireNonNull(printer, "printer");
        messages = new Messages(settings.startLocale());
        cards = new CardPresence(flows, background);

        // Processes: one transaction across its screens; the idle timeout settles them through the navigator.
        chargeUp = new ChargeUpProcess(flows, background, navigator, progress, problems, cards);
        receipt = new ReceiptViewModel(messages, settings, background, navigator, chargeUp::readCard, printer);
        purchaseProcess = new PurchaseProcess(flows, background, navigator, progress, problems, cards, receipt::show);
        navigator.register(purchaseProcess);
        navigator.register(chargeUp);
        // Last: once the processes settled, a card session kept for the next flow of the visit is closed.
        navigator.register(() -> {
            flows.endVisit();
            return true;
        });

        purchase = new PurchaseViewModel(purchaseProcess, cards, navigator, settings.sale());
        balance = new BalanceViewModel(flows, background, navigator, progress, problems, cards);
        menu = new MenuViewModel(purchase::begin, balance::inquire, chargeUp::begin, flows.sellsValue());
        ProcessingViewModel processing = new ProcessingViewModel(progress);
        errors = new ErrorViewModel(problems, navigator);
        ChargeUpViewModel chargeUpScreen = new ChargeUpViewModel(chargeUp, navigator);
        ConfirmViewModel confirm = new ConfirmViewModel(chargeUp);
        CompletedViewModel completed = new CompletedViewModel(chargeUp, navigator);
        TakeCardViewModel takeCard = new TakeCardViewModel(cards, navigator);

        add(Screen.MENU, menu, () -> new MenuView(menu, messages), KeyboardTarget.NONE);
        add(Screen.PURCHASE, purchase, () -> new PurchaseView(purchase, messages, settings),
                new KeyboardTarget(purchase::type, purchase::deleteLast, purchase::backToMenu));
        add(Screen.PROCESSING, processing, () -> new ProcessingView(processing, messages), KeyboardTarget.NONE);
        add(Screen.RECEIPT, receipt, () -> new ReceiptView(receipt, messages), KeyboardTarget.back(receipt::backToMenu));
        add(Screen.CHARGE_UP, chargeUpScreen, () -> new ChargeUpView(chargeUpScreen, messages, settings), new KeyboardTarget(digit -> {
            if (chargeUpScreen.passwordNeededProperty().get()) {
                chargeUpScreen.type(digit);
            }
        }, chargeUpScreen::deleteLast, chargeUpScreen::backToMenu));
        add(Screen.CONFIRM, confirm, () -> new ConfirmView(confirm, messages, settings), KeyboardTarget.NONE);
        add(Screen.COMPLETED, completed, () -> CompletedView.completed(completed, messages, settings),
                KeyboardTarget.back(completed::backToMenu));
        add(Screen.KEPT_FOR_LATER, completed, () -> CompletedView.keptForLater(completed, messages, settings),
                KeyboardTarget.back(completed::backToMenu));
        add(Screen.BALANCE, balance, () -> new BalanceView(balance, messages, settings), KeyboardTarget.back(balance::backToMenu));
        add(Screen.ERROR, errors, () -> new ErrorView(errors, messages), KeyboardTarget.back(errors::backToMenu));
        add(Screen.TAKE_CARD, takeCard, () -> new TakeCardView(takeCard, messages, settings), KeyboardTarget.NONE);
    }

    private void add(Screen screen, Resettable model, Supplier<View> view, KeyboardTarget screenKeys) {
        navigator.register(screen, model);
        viewFactories.put(screen, view);
        keys.put(screen, screenKeys);
    }

    /** The view of {@code screen}, built the first time it is asked for. FX thread. */
    View view(Screen screen) {
        return views.computeIfAbsent(screen, wanted -> {
            View view = Objects.requireNonNull(viewFactories.get(wanted), () -> "no view for " + wanted).get();
            view.root().setId("screen-" + wanted.name().toLowerCase(Locale.ROOT).replace('_', '-'));
            return view;
        });
    }

    /** The screens whose views have been built so far, for tests. */
    java.util.Set<Screen> builtViews() {
        return Collections.unmodifiableSet(views.keySet());
    }

    /** Where a keyboard's keys go on each screen. */
    KeyboardTarget keys(Screen screen) {
        return keys.getOrDefault(screen, KeyboardTarget.NONE);
    }

    public Navigator navigator() {
        return navigator;
    }

    public Messages messages() {
        return messages;
    }

    public UiSettings settings() {
        return settings;
    }

    public BackgroundWork background() {
        return background;
    }

    // ---- for tests and the screenshot renderer ----

    public MenuViewModel menu() {
        return menu;
    }

    public PurchaseViewModel purchase() {
        return purchase;
    }

    public ChargeUpProcess chargeUp() {
        return chargeUp;
    }

    public ReceiptViewModel receipt() {
        return receipt;
    }

    public BalanceViewModel balance() {
        return balance;
    }

    public ErrorViewModel errors() {
        return errors;
    }

    /** Where problems are reported; the error screen shows the last one. */
    public Problems problems() {
        return problems;
    }

    /** What the processing screen shows. */
    public Progress progress() {
        return progress;
    }

    /** Whether a card is in each reader, as the screens see it. */
    public CardPresence cards() {
        return cards;
    }
}
