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
import javafx.beans.property.ObjectProperty;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.SimpleObjectProperty;

/**
 * FIG. 9B: the person places both cards, types the PIN (shown as circles) and the amount on the keypad or
 * picks a preset, and touches TRANSMIT. The flow reads both cards, the card checks the PIN, the credit
 * company bills; a wrong PIN comes back here with the same flow (the card is still in).
 */
public final class PurchaseViewModel implements Resettable {

    public enum Field { PIN, AMOUNT }

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

    private final TypedDigits pin = new TypedDigits(PIN_MAXIMUM);
    private final TypedDigits amount = new TypedDigits(AMOUNT_DIGITS);
    private final ObjectProperty<Field> activeField = new SimpleObjectProperty<>(this, "activeField", Field.PIN);
    private final LongBinding amountValue = Bindings.createLongBinding(() -> Math.max(Money.parseTyped(amount.visibleDigits()), 0),
            amount.lengthProperty());
    private final BooleanBinding canTransmit = pin.lengthProperty().greaterThanOrEqualTo(PIN_MINIMUM)
            .and(amountValue.greaterThan(0));

    /** The flow of this purchase: kept across a wrong PIN, dropped when it ends. */
    private volatile PurchaseFlow flow;
    /** The amount of the last TRANSMIT, typed in again for the person after a wrong PIN. */
    private long lastAmount;

    public PurchaseViewModel(KioskFlows flows, BackgroundWork background, Navigator navigator, ProcessingViewModel processing,
                             ErrorViewModel errors, ReceiptViewModel receipt) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.processing = Objects.requireNonNull(processing, "processing");
        this.errors = Objects.requireNonNull(errors, "errors");
        this.receipt = Objects.requireNonNull(receipt, "receipt");
    }

    /** From the menu: a new purchase. */
    public void begin() {
        PurchaseFlow earlier = flow;
        flow = null;
        if (earlier != null) {
            earlier.close(); // a flow kept after a wrong PIN by someone who went back to the menu
        }
        navigator.navigate(Screen.PURCHASE);
        activeField.set(Field.PIN);
    }

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
        lastAmount = typedAmount;
        processing.show(Keys.PROCESSING_READING_CARD);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(() -> {
            try {
                return run(typedPin, typedAmount);
            } finally {
                Arrays.fill(typedPin, '\0');
            }
        }).onSuccess(this::show).onFailure(errors::showDefect).start();
    }

    /** On the worker: reads the cards if not yet read, then TRANSMIT. */
    private PurchaseFlow.State run(char[] typedPin, long typedAmount) {
        PurchaseFlow current = flow;
        if (current == null || current.state() == PurchaseFlow.State.FAILED) {
            current = flows.purchase(state -> background.onFxThread(() -> processing.show(state)));
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
            receipt.show(current.receipt());
            return;
        }
        FlowFailure failure = current.failure();
        if (failure == null) {
            errors.showDefect(new IllegalStateException("purchase stopped in " + state + " without a failure"));
            return;
        }
        if (state == PurchaseFlow.State.FAILED) {
            flow = null;
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
        PurchaseFlow kept = flow;
        flow = null;
        lastAmount = 0;
        if (kept != null) {
            kept.close();
        }
        reset();
    }

    @Override
    public void reset() {
        pin.wipe();
        amount.wipe();
        activeField.set(Field.PIN);
    }
}
