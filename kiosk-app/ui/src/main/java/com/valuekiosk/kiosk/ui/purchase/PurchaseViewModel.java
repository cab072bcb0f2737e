package com.valuekiosk.kiosk.ui.purchase;

import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.flow.SaleSettings;
import com.valuekiosk.kiosk.ui.Money;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.TypedDigits;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.util.Objects;
import javafx.beans.binding.Bindings;
import javafx.beans.binding.BooleanBinding;
import javafx.beans.binding.LongBinding;
import javafx.beans.binding.ObjectBinding;
import javafx.beans.binding.StringBinding;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyIntegerProperty;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * FIG. 9B: the person says how they pay ({@link PaymentVariant}, FIG. 14A–14C), places the cards — the screen
 * shows for each whether it is in place, from the readers' card events and the card the flow asks for next —
 * types the PIN (shown as circles) and the amount on the keypad or picks a preset, and touches TRANSMIT, which
 * is enabled once everything is there and otherwise says what is missing. The screen's state is what is typed
 * and shown here; the purchase itself (its flow, which card next, TRANSMIT and its result) is the
 * {@link PurchaseProcess}'s.
 *
 * <p>FIG. 14A's single pad reaches one card at a time, so its cards are read as they arrive: the credit card,
 * then the e-money card; at TRANSMIT the credit card is on the pad again for the PIN.
 */
public final class PurchaseViewModel implements Resettable {

    public enum Field { PIN, AMOUNT }

    /** One card the variant needs: whether it is in place, and the text that says so or says what to do. */
    public record CardRow(boolean inPlace, String textKey) {

        /** A card that was not the one asked for (said in red); other missing cards are instructions. */
        public boolean wrong() {
            return Keys.PURCHASE_CARD_WRONG.equals(textKey);
        }
    }

    /** The rows of the variant's cards; {@code emoney} null when one card is both (FIG. 14B). */
    private record CardRows(CardRow credit, CardRow emoney) {
        boolean inPlace() {
            return credit.inPlace() && (emoney == null || emoney.inPlace());
        }
    }

    public static final int PIN_MINIMUM = 4;
    public static final int PIN_MAXIMUM = 8;
    private static final int AMOUNT_DIGITS = 7;

    private final PurchaseProcess process;
    private final CardPresence cards;
    private final Navigator navigator;
    private final SaleSettings sale;
    /** The last digit typed would have taken the amount over the site's maximum, so it was not taken. */
    private final ReadOnlyBooleanWrapper amountRefused = new ReadOnlyBooleanWrapper(this, "amountRefused");

    private final TypedDigits pin = new TypedDigits(PIN_MAXIMUM);
    private final TypedDigits amount = new TypedDigits(AMOUNT_DIGITS);
    private final ReadOnlyObjectWrapper<Field> activeField = new ReadOnlyObjectWrapper<>(this, "activeField", Field.PIN);
    private final LongBinding amountValue = Bindings.createLongBinding(() -> Math.max(Money.parseTyped(amount.visibleDigits()), 0),
            amount.lengthProperty());
    private final ObjectBinding<CardRows> rows;
    private final ReadOnlyObjectWrapper<CardRow> creditRow = new ReadOnlyObjectWrapper<>(this, "creditRow");
    /** Null when the variant has one card only (FIG. 14B). */
    private final ReadOnlyObjectWrapper<CardRow> emoneyRow = new ReadOnlyObjectWrapper<>(this, "emoneyRow");
    private final ReadOnlyBooleanWrapper cardsInPlace = new ReadOnlyBooleanWrapper(this, "cardsInPlace");
    private final BooleanBinding canTransmit;
    private final StringBinding transmitHintKey;

    public PurchaseViewModel(PurchaseProcess process, CardPresence cards, Navigator navigator, SaleSettings sale) {
        this.process = Objects.requireNonNull(process, "process");
        this.sale = Objects.requireNonNull(sale, "sale");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        rows = Bindings.createObjectBinding(this::cardRows, cards.contactPresentProperty(), cards.contactlessPresentProperty(),
                process.variantProperty(), process.nextCardProperty(), process.wrongCardProperty(), process.otherCardOnPadProperty(),
                process.creditOnPadAgainProperty());
        creditRow.bind(Bindings.createObjectBinding(() -> rows.get().credit(), rows));
        emoneyRow.bind(Bindings.createObjectBinding(() -> rows.get().emoney(), rows));
        cardsInPlace.bind(Bindings.createBooleanBinding(() -> rows.get().inPlace(), rows));
        canTransmit = pin.lengthProperty().greaterThanOrEqualTo(PIN_MINIMUM)
                .and(Bindings.createBooleanBinding(() -> sale.allows(amountValue.get()), amountValue)).and(cardsInPlace);
        transmitHintKey = Bindings.createStringBinding(this::missingKey, pin.lengthProperty(), amountValue, creditRow, emoneyRow,
                amountRefused);
    }

    /** From the menu: a new purchase, the usual cards first (FIG. 9B). */
    public void begin() {
        process.begin();
        activeField.set(Field.PIN);
    }

    /** The person says how they pay; the cards are looked at anew. */
    public void choose(PaymentVariant chosen) {
        process.choose(chosen);
    }

    // ---------------------------------------------------------------- the cards

    private CardRows cardRows() {
        boolean contact = cards.isContactPresent();
        boolean contactless = cards.isContactlessPresent();
        return switch (process.variantProperty().get()) {
            case IC_CREDIT_CARD -> new CardRows(row(contact, Keys.PURCHASE_CARD_IC_READY, Keys.PURCHASE_CARD_IC_MISSING),
                    row(contactless, Keys.PURCHASE_CARD_EMONEY_READY, Keys.PURCHASE_CARD_EMONEY_MISSING));
            case PHONE -> new CardRows(row(contact, Keys.PURCHASE_CARD_IC_READY, Keys.PURCHASE_CARD_IC_MISSING),
                    row(contactless, Keys.PURCHASE_CARD_PHONE_READY, Keys.PURCHASE_CARD_PHONE_MISSING));
            case COMBO_CARD -> new CardRows(row(contactless, Keys.PURCHASE_CARD_COMBO_READY, Keys.PURCHASE_CARD_COMBO_MISSING), null);
            case CONTACTLESS_CREDIT_CARD -> tapRows(process.nextCardProperty().get());
        };
    }

    /** FIG. 14A: one card at a time on the pad, as the flow asks for them. */
    private CardRows tapRows(PurchaseFlow.Card next) {
        return switch (next) {
            case EMONEY_CARD -> new CardRows(new CardRow(true, Keys.PURCHASE_CARD_CONTACTLESS_READ),
                    new CardRow(false, Keys.PURCHASE_CARD_EMONEY_NEXT));
            case CREDIT_CARD_AGAIN -> new CardRows(row(process.creditOnPadAgainProperty().get(), Keys.PURCHASE_CARD_CONTACTLESS_ON_PAD,
                    Keys.PURCHASE_CARD_CONTACTLESS_AGAIN), new CardRow(true, Keys.PURCHASE_CARD_EMONEY_READ));
            case CREDIT_CARD, NONE -> new CardRows(new CardRow(false, process.wrongCardProperty().get() ? Keys.PURCHASE_CARD_WRONG
                    : process.otherCardOnPadProperty().get() ? Keys.PURCHASE_CARD_TAKE_AWAY_FIRST
                    : Keys.PURCHASE_CARD_CONTACTLESS_MISSING), new CardRow(false, Keys.PURCHASE_CARD_EMONEY_AFTER_CREDIT));
        };
    }

    private static CardRow row(boolean inPlace, String readyKey, String missingKey) {
        return new CardRow(inPlace, inPlace ? readyKey : missingKey);
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
        if (amountRefused.get()) {
            return Keys.PURCHASE_HINT_AMOUNT_TOO_HIGH;
        }
        if (pin.lengthProperty().get() < PIN_MINIMUM) {
            return Keys.PURCHASE_HINT_PIN;
        }
        if (amountValue.get() == 0) {
            return Keys.PURCHASE_HINT_AMOUNT;
        }
        return amountValue.get() < sale.minimumPurchase() ? Keys.PURCHASE_HINT_AMOUNT_TOO_LOW : null;
    }

    // ---------------------------------------------------------------- PIN, amount, TRANSMIT

    public void select(Field field) {
        activeField.set(Objects.requireNonNull(field));
    }

    /**
     * A digit on the keypad into the active field. A digit that would take the amount over the site's maximum is
     * not taken, and the hint says the maximum at once (not after TRANSMIT).
     */
    public void type(char digit) {
        if (activeField.get() == Field.AMOUNT) {
            long wouldBe = Money.parseTyped(amount.visibleDigits() + String.valueOf(digit));
            amountRefused.set(wouldBe > sale.maximumPurchase());
            if (amountRefused.get()) {
                return;
            }
        }
        active().append(digit);
        if (activeField.get() == Field.PIN && pin.length() == PIN_MAXIMUM) {
            activeField.set(Field.AMOUNT);
        }
    }

    public void deleteLast() {
        amountRefused.set(false);
        active().deleteLast();
    }

    public void clear() {
        amountRefused.set(false);
        active().wipe();
    }

    public void choosePreset(long preset) {
        amountRefused.set(false);
        amount.set(Long.toString(preset));
    }

    /** The site's limits, which the amount's label shows and typing keeps to. */
    public SaleSettings sale() {
        return sale;
    }

    private TypedDigits active() {
        return activeField.get() == Field.PIN ? pin : amount;
    }

    /** TRANSMIT: the PIN leaves this screen in one char array that the process wipes once the card has it. */
    public void transmit() {
        if (!canTransmit.get()) {
            return;
        }
        char[] typedPin = pin.take();
        long typedAmount = amountValue.get();
        process.transmit(typedPin, typedAmount, () -> typeAgain(typedAmount));
    }

    /** Back after a wrong PIN or a refused amount: the PIN is typed again, the amount is still there. */
    private void typeAgain(long typedAmount) {
        amount.set(Long.toString(typedAmount));
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

    /** Where the keypad types; {@link #select(Field)} changes it. */
    public ReadOnlyObjectProperty<Field> activeFieldProperty() {
        return activeField.getReadOnlyProperty();
    }

    public BooleanBinding canTransmitProperty() {
        return canTransmit;
    }

    public ReadOnlyObjectProperty<PaymentVariant> variantProperty() {
        return process.variantProperty();
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
