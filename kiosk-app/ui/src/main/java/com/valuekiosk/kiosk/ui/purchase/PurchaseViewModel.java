package com.valuekiosk.kiosk.ui.purchase;

import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Money;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.TypedDigits;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import com.valuekiosk.kiosk.ui.error.ErrorViewModel;
import com.valuekiosk.kiosk.ui.processing.ProcessingViewModel;
import com.valuekiosk.kiosk.ui.receipt.ReceiptViewModel;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.LongBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;
import javafx.beans.property.SimpleObjectProperty;

/**
 * FIG. 9B: the person says how they pay ({@link PaymentVariant}, FIG. 14A–14C), places the cards — the screen
 * shows for each whether it is in place, from the readers' card events — types the PIN (shown as circles) and
 * the amount on the keypad or picks a preset, and touches TRANSMIT, which is enabled once everything is there
 * and otherwise says what is missing. The flow reads the cards, the card checks the PIN, the credit company
 * bills; a wrong PIN comes back here with the same flow (the card is still in).
 *
 * <p>FIG. 14A's single pad reaches one card at a time, so its cards are read as they arrive: the credit card,
 * then the e-money card; at TRANSMIT the credit card is on the pad again for the PIN.
 */
public final class PurchaseViewModel implements Resettable {

    public enum Field { PIN, AMOUNT }

    /** One card the variant needs: whether it is in place, and the text that says so or says what to do. */
    public record CardRow(boolean inPlace, String textKey) {
    }

    /** Where FIG. 14A's taps stand. */
    private enum TapStep { CREDIT_CARD, EMONEY_CARD, CREDIT_CARD_AGAIN }

    public static final int PIN_MINIMUM = 4;
    public static final int PIN_MAXIMUM = 8;
    private static final int AMOUNT_DIGITS = 7;
    /** Failures after which the purchase screen is the sensible place to go back to. */
    private static final Set<FlowError> RETRYABLE = EnumSet.of(FlowError.NO_CARD, FlowError.CARD_REMOVED_TOO_EARLY,
            FlowError.INVALID_AMOUNT, FlowError.DECLINED_OVER_QUOTA, FlowError.WRONG_PIN);

    private final KioskFlows flows;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final ProcessingViewModel processing;
    private final ErrorViewModel errors;
    private final ReceiptViewModel receipt;
    private final CardPresence cards;

    private final TypedDigits pin = new TypedDigits(PIN_MAXIMUM);
    private final TypedDigits amount = new TypedDigits(AMOUNT_DIGITS);
    private final ObjectProperty<Field> activeField = new SimpleObjectProperty<>(this, "activeField", Field.PIN);
    private final LongBinding amountValue = Bindings.createLongBinding(() -> Math.max(Money.parseTyped(amount.visibleDigits()), 0),
            amount.lengthProperty());
    private final ReadOnlyObjectWrapper<PaymentVariant> variant = new ReadOnlyObjectWrapper<>(this, "variant",
            PaymentVariant.IC_CREDIT_CARD);
    private final ReadOnlyObjectWrapper<CardRow> creditRow = new ReadOnlyObjectWrapper<>(this, "creditRow");
    /** Null when the variant has one card only (FIG. 14B). */
    private final ReadOnlyObjectWrapper<CardRow> emoneyRow = new ReadOnlyObjectWrapper<>(this, "emoneyRow");
    private final ReadOnlyBooleanWrapper cardsInPlace = new ReadOnlyBooleanWrapper(this, "cardsInPlace");
    private final BooleanBinding canTransmit = pin.lengthProperty().greaterThanOrEqualTo(PIN_MINIMUM)
            .and(amountValue.greaterThan(0)).and(cardsInPlace);
    private final StringBinding transmitHintKey = Bindings.createStringBinding(this::missingKey, pin.lengthProperty(),
            amountValue, creditRow, emoneyRow);

    private TapStep tapStep = TapStep.CREDIT_CARD;
    /** FIG. 14A: a card arrived on the pad after the e-money card was read (the engine checks it is the credit card). */
    private boolean creditBackOnPad;
    /** FIG. 14A: the last card tapped was not the one asked for. */
    private boolean wrongCard;
    private boolean reading;
    /** Changes whenever the purchase starts over, so that a card read finishing late is not taken for the new one. */
    private int attempt;

    /** The flow of this purchase: kept across a wrong PIN, dropped when it ends. */
    private volatile PurchaseFlow flow;
    /** The amount of the last TRANSMIT, typed in again for the person after a wrong PIN. */
    private long lastAmount;

    public PurchaseViewModel(KioskFlows flows, BackgroundWork background, Navigator navigator, ProcessingViewModel processing,
                             ErrorViewModel errors, ReceiptViewModel receipt, CardPresence cards) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.processing = Objects.requireNonNull(processing, "processing");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.receipt = Objects.requireNonNull(receipt, "receipt");
        this.cards = Objects.requireNonNull(cards, "cards");
        cards.contactPresentProperty().addListener((o, was, present) -> refreshCards());
        cards.contactlessPresentProperty().addListener((o, was, present) -> contactlessChanged(present));
        refreshCards();
    }

    /** From the menu: a new purchase, the usual cards first (FIG. 9B). */
    public void begin() {
        startOver(PaymentVariant.IC_CREDIT_CARD);
        navigator.navigate(Screen.PURCHASE);
        activeField.set(Field.PIN);
    }

    /** The person says how they pay; the cards are looked at anew. */
    public void choose(PaymentVariant chosen) {
        Objects.requireNonNull(chosen, "variant");
        if (chosen != variant.get()) {
            startOver(chosen);
            readTappedCardIfOnPad();
        }
    }

    private void startOver(PaymentVariant chosen) {
        PurchaseFlow previous = flow;
        flow = null;
        if (previous != null) {
            previous.close();
        }
        attempt++;
        reading = false;
        variant.set(chosen);
        tapStep = TapStep.CREDIT_CARD;
        creditBackOnPad = false;
        wrongCard = false;
        refreshCards();
    }

    // ---------------------------------------------------------------- the cards

    private void contactlessChanged(boolean present) {
        if (variant.get() == PaymentVariant.CONTACTLESS_CREDIT_CARD) {
            if (tapStep == TapStep.CREDIT_CARD_AGAIN) {
                creditBackOnPad = present;
            } else if (present) {
                readTappedCardIfOnPad();
            }
        }
        refreshCards();
    }

    /** FIG. 14A: reads the card just tapped — the credit card, then the e-money card — while FIG. 9B is shown. */
    private void readTappedCardIfOnPad() {
        if (variant.get() != PaymentVariant.CONTACTLESS_CREDIT_CARD || tapStep == TapStep.CREDIT_CARD_AGAIN || reading
                || navigator.current() != Screen.PURCHASE || !cards.isContactlessPresent()) {
            return;
        }
        reading = true;
        int readFor = attempt;
        TapStep step = tapStep;
        PurchaseFlow existing = flow;
        background.wrap(() -> {
            PurchaseFlow current = existing != null ? existing
                    : flows.purchase(true, state -> background.onFxThread(() -> processing.show(state)));
            if (step == TapStep.CREDIT_CARD) {
                current.readCreditCard();
            } else {
                current.readEmoneyCard();
            }
            return current;
        }).onSuccess(read -> tapRead(readFor, step, read)).onFailure(e -> {
            reading = false;
            errors.showDefect(e);
        }).start();
    }

    private void tapRead(int readFor, TapStep step, PurchaseFlow read) {
        if (readFor != attempt) {
            read.close(); // the person started over meanwhile
            return;
        }
        reading = false;
        flow = read;
        wrongCard = false;
        switch (read.state()) {
            case READING_EMONEY_CARD -> tapStep = TapStep.EMONEY_CARD;
            case READY_FOR_PIN_AND_AMOUNT -> {
                // After the credit card step this was a combo card: it stays on the pad for TRANSMIT.
                tapStep = TapStep.CREDIT_CARD_AGAIN;
                creditBackOnPad = step == TapStep.CREDIT_CARD && cards.isContactlessPresent();
            }
            default -> {
                // Not the card asked for (or gone too soon): the engine's flow is over; start with the credit card.
                FlowFailure failure = read.failure();
                wrongCard = failure != null && failure.error() == FlowError.CARD_NOT_SUPPORTED;
                flow = null;
                tapStep = TapStep.CREDIT_CARD;
            }
        }
        refreshCards();
    }

    private void refreshCards() {
        boolean contact = cards.isContactPresent();
        boolean contactless = cards.isContactlessPresent();
        switch (variant.get()) {
            case IC_CREDIT_CARD -> show(row(contact, Keys.PURCHASE_CARD_IC_READY, Keys.PURCHASE_CARD_IC_MISSING),
                    row(contactless, Keys.PURCHASE_CARD_EMONEY_READY, Keys.PURCHASE_CARD_EMONEY_MISSING));
            case PHONE -> show(row(contact, Keys.PURCHASE_CARD_IC_READY, Keys.PURCHASE_CARD_IC_MISSING),
                    row(contactless, Keys.PURCHASE_CARD_PHONE_READY, Keys.PURCHASE_CARD_PHONE_MISSING));
            case COMBO_CARD -> show(row(contactless, Keys.PURCHASE_CARD_COMBO_READY, Keys.PURCHASE_CARD_COMBO_MISSING), null);
            case CONTACTLESS_CREDIT_CARD -> {
                switch (tapStep) {
                    case CREDIT_CARD -> show(new CardRow(false, wrongCard ? Keys.PURCHASE_CARD_WRONG
                            : Keys.PURCHASE_CARD_CONTACTLESS_MISSING), new CardRow(false, Keys.PURCHASE_CARD_EMONEY_AFTER_CREDIT));
                    case EMONEY_CARD -> show(new CardRow(true, Keys.PURCHASE_CARD_CONTACTLESS_READ),
                            new CardRow(false, Keys.PURCHASE_CARD_EMONEY_NEXT));
                    case CREDIT_CARD_AGAIN -> show(row(creditBackOnPad, Keys.PURCHASE_CARD_CONTACTLESS_ON_PAD,
                            Keys.PURCHASE_CARD_CONTACTLESS_AGAIN), new CardRow(true, Keys.PURCHASE_CARD_EMONEY_READ));
                }
            }
        }
    }

    private static CardRow row(boolean inPlace, String readyKey, String missingKey) {
        return new CardRow(inPlace, inPlace ? readyKey : missingKey);
    }

    private void show(CardRow credit, CardRow emoney) {
        creditRow.set(credit);
        emoneyRow.set(emoney);
        cardsInPlace.set(credit.inPlace() && (emoney == null || emoney.inPlace()));
    }

    /** What TRANSMIT still waits for, first things first; null when nothing. */
    private String missingKey() {
        CardRow credit = creditRow.get();
        CardRow emoney = emoneyRow.get();
        if (credit != null && !credit.inPlace()) {
            return credit.textKey();
        }
        if (emoney != null && !emoney.inPlace()) {
            return emoney.textKey();
        }
        if (pin.lengthProperty().get() < PIN_MINIMUM) {
            return Keys.PURCHASE_HINT_PIN;
        }
        return amountValue.get() > 0 ? null : Keys.PURCHASE_HINT_AMOUNT;
    }

    // ---------------------------------------------------------------- PIN, amount, TRANSMIT

    public void select(Field field) {
        activeField.set(Objects.requireNonNull(field));
    }

    public void type(char digit) {
        active().append(digit);
        if (activeField.get() == Field.PIN && pin.length() == PIN_MAXIMUM) {
            activeField.set(Field.AMOUNT);
        }
    }

    public void deleteLast() {
        active().deleteLast();
    }

    public void clear() {
        active().wipe();
    }

    public void choosePreset(long preset) {
        amount.set(Long.toString(preset));
    }

    private TypedDigits active() {
        return activeField.get() == Field.PIN ? pin : amount;
    }

    /** TRANSMIT: the PIN leaves this screen in one char array that the engine wipes once the card has it. */
    public void transmit() {
        if (!canTransmit.get()) {
            return;
        }
        char[] typedPin = pin.take();
        long typedAmount = amountValue.get();
        boolean creditOnContactless = variant.get().creditOnContactless();
        lastAmount = typedAmount;
        processing.show(Keys.PROCESSING_READING_CARD);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(() -> {
            try {
                return run(typedPin, typedAmount, creditOnContactless);
            } finally {
                Arrays.fill(typedPin, '\0');
            }
        }).onSuccess(this::show).onFailure(errors::showDefect).start();
    }

    /** On the worker: reads the cards if not yet read, then TRANSMIT. */
    private PurchaseFlow.State run(char[] typedPin, long typedAmount, boolean creditOnContactless) {
        PurchaseFlow current = flow;
        if (current == null || current.state() == PurchaseFlow.State.FAILED) {
            current = flows.purchase(creditOnContactless, state -> background.onFxThread(() -> processing.show(state)));
            flow = current;
        }
        for (int step = 0; step < 3 && current.state() != PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT; step++) {
            PurchaseFlow.State state = current.state();
            if (state == PurchaseFlow.State.FAILED) {
                return state;
            }
            if (state == PurchaseFlow.State.READING_EMONEY_CARD) {
                current.readEmoneyCard();
            } else {
                current.readCreditCard();
            }
        }
        if (current.state() != PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT) {
            return current.state();
        }
        return current.transmit(PinSource.of(typedPin), typedAmount);
    }

    private void show(PurchaseFlow.State state) {
        PurchaseFlow current = flow;
        if (state == PurchaseFlow.State.APPROVED) {
            flow = null;
            attempt++;
            tapStep = TapStep.CREDIT_CARD;
            refreshCards();
            receipt.show(current.receipt());
            return;
        }
        FlowFailure failure = current.failure();
        if (failure == null) {
            errors.showDefect(new IllegalStateException("purchase stopped in " + state + " without a failure"));
            return;
        }
        if (state == PurchaseFlow.State.FAILED) {
            // The engine's flow is over: "try again" starts with the cards anew (FIG. 14A: the credit card first).
            flow = null;
            attempt++;
            tapStep = TapStep.CREDIT_CARD;
            creditBackOnPad = false;
            refreshCards();
        }
        boolean retry = RETRYABLE.contains(failure.error());
        errors.show(failure, retry ? this::tryAgain : null);
    }

    /** Back to FIG. 9B after a wrong PIN or a refused amount: the PIN is typed again, the amount is still there. */
    private void tryAgain() {
        navigator.navigate(Screen.PURCHASE);
        if (lastAmount > 0) {
            amount.set(Long.toString(lastAmount));
        }
        activeField.set(Field.PIN);
        readTappedCardIfOnPad();
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    /** How many PIN digits were typed: all the screen may know of the PIN. */
    public ReadOnlyIntegerProperty pinLengthProperty() {
        return pin.lengthProperty();
    }

    public LongBinding amountValue() {
        return amountValue;
    }

    public ObjectProperty<Field> activeFieldProperty() {
        return activeField;
    }

    public BooleanBinding canTransmitProperty() {
        return canTransmit;
    }

    /**
     * The idle timeout, before TRANSMIT (on this screen or on the error screen after a wrong PIN): the flow
     * kept for a retry is closed, which releases the credit card session, and nothing typed is kept. Never
     * called while TRANSMIT runs (the processing screen does not time out).
     */
    public void resolveForIdle() {
        startOver(PaymentVariant.IC_CREDIT_CARD); // closes the kept flow
        lastAmount = 0;
        reset();
    }

    public ReadOnlyObjectProperty<PaymentVariant> variantProperty() {
        return variant.getReadOnlyProperty();
    }

    /** The credit card (FIG. 14B: the combo card): in place, or what to do. */
    public ReadOnlyObjectProperty<CardRow> creditRowProperty() {
        return creditRow.getReadOnlyProperty();
    }

    /** The e-money card or phone; null for the combo card (FIG. 14B), which is both. */
    public ReadOnlyObjectProperty<CardRow> emoneyRowProperty() {
        return emoneyRow.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty cardsInPlaceProperty() {
        return cardsInPlace.getReadOnlyProperty();
    }

    /** The key of what TRANSMIT still waits for (a card, the PIN, the amount); null when it can go. */
    public StringBinding transmitHintKey() {
        return transmitHintKey;
    }

    @Override
    public void reset() {
        pin.wipe();
        amount.wipe();
        activeField.set(Field.PIN);
    }
}
