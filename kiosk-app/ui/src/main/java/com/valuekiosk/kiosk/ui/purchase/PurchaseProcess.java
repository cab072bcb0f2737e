package com.valuekiosk.kiosk.ui.purchase;

import com.valuekiosk.kiosk.flow.CardIdentity;
import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.Settleable;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import java.util.function.Consumer;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * One purchase (FIG. 7) across its screens — FIG. 9B, the processing screen, and back from the error screen
 * after a wrong PIN — driving the one {@link PurchaseFlow} off the FX thread. The flow decides which card it
 * needs next ({@link PurchaseFlow#nextCard()}); this process reads FIG. 14A's cards as they are tapped on the
 * one reader, reads the cards and transmits at TRANSMIT, and shows the result: the receipt, or the problem with
 * "try again" where it makes sense. A wrong PIN keeps the flow (the card stays in) for the next TRANSMIT.
 *
 * <p>Its state is written on the FX thread only and published as read-only properties, which FIG. 9B's view
 * model reads; the worker runs one flow command on the flow it is handed (or a new one) and hands it back.
 */
public final class PurchaseProcess implements Settleable {

    /** Failures after which the purchase screen is the sensible place to go back to. */
    private static final Set<FlowError> RETRYABLE = EnumSet.of(FlowError.NO_CARD, FlowError.CARD_REMOVED_TOO_EARLY,
            FlowError.INVALID_AMOUNT, FlowError.DECLINED_OVER_QUOTA, FlowError.WRONG_PIN);

    private final KioskFlows flows;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final Progress progress;
    private final Problems problems;
    private final CardPresence cards;
    private final Consumer<Receipt> approved;

    private final ReadOnlyObjectWrapper<PaymentVariant> variant = new ReadOnlyObjectWrapper<>(this, "variant",
            PaymentVariant.IC_CREDIT_CARD);
    private final ReadOnlyObjectWrapper<PurchaseFlow.Card> nextCard = new ReadOnlyObjectWrapper<>(this, "nextCard",
            PurchaseFlow.Card.CREDIT_CARD);
    private final ReadOnlyBooleanWrapper wrongCard = new ReadOnlyBooleanWrapper(this, "wrongCard");
    /** FIG. 14A chosen while another card lay on the pad: it is asked to be taken away, not called a mistake. */
    private final ReadOnlyBooleanWrapper otherCardOnPad = new ReadOnlyBooleanWrapper(this, "otherCardOnPad");
    private final ReadOnlyBooleanWrapper creditOnPadAgain = new ReadOnlyBooleanWrapper(this, "creditOnPadAgain");

    /** The flow of this purchase: kept across a wrong PIN, dropped when it ends. FX thread only. */
    private PurchaseFlow flow;
    /** A FIG. 14A card is being read. */
    private boolean reading;
    /** The person touched a way of paying: from then on this purchase does not guess it from the cards. */
    private boolean chosenByPerson;
    /** Changes whenever the purchase starts over, so that a card read finishing late is not taken for the new one. */
    private int attempt;

    /** {@code approved}: shows the receipt of an approved purchase (the receipt screen's command). */
    public PurchaseProcess(KioskFlows flows, BackgroundWork background, Navigator navigator, Progress progress,
                           Problems problems, CardPresence cards, Consumer<Receipt> approved) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.cards = Objects.requireNonNull(cards, "cards");
        this.approved = Objects.requireNonNull(approved, "approved");
        cards.contactlessPresentProperty().addListener((o, was, present) -> contactlessChanged(present));
    }

    /** From the menu: a new purchase on FIG. 9B, the usual cards first. */
    public void begin() {
        chosenByPerson = false;
        startOver(PaymentVariant.IC_CREDIT_CARD);
        navigator.navigate(Screen.PURCHASE);
        if (cards.isContactlessPresent() && mayGuess()) {
            identifyPadCard();
        }
    }

    /** The person says how they pay (the fallback of the guess below); the cards are looked at anew. */
    public void choose(PaymentVariant chosen) {
        Objects.requireNonNull(chosen, "variant");
        chosenByPerson = true;
        if (chosen != variant.get()) {
            startOver(chosen);
            readTappedCardIfOnPad(true);
        }
    }

    private void startOver(PaymentVariant chosen) {
        PurchaseFlow previous = flow;
        if (previous != null) {
            previous.close();
        }
        follow(null);
        attempt++;
        reading = false;
        variant.set(chosen);
        creditOnPadAgain.set(false);
        wrongCard.set(false);
        otherCardOnPad.set(false);
    }

    /** Keeps {@code kept} (null: none) as this purchase's flow, and the card it asks for next. */
    private void follow(PurchaseFlow kept) {
        flow = kept;
        nextCard.set(kept == null ? PurchaseFlow.Card.CREDIT_CARD : kept.nextCard());
    }

    // ---------------------------------------------------------------- FIG. 14A: cards read as they are tapped

    private void contactlessChanged(boolean present) {
        if (present && mayGuess()) {
            identifyPadCard();
            return;
        }
        if (variant.get() != PaymentVariant.CONTACTLESS_CREDIT_CARD) {
            return;
        }
        if (!present) {
            otherCardOnPad.set(false);
        }
        if (nextCard.get() == PurchaseFlow.Card.CREDIT_CARD_AGAIN) {
            creditOnPadAgain.set(present);
        } else if (present) {
            readTappedCardIfOnPad(false);
        }
    }

    // ---------------------------------------------------------------- how the person pays, found from the cards

    /** Whether the way of paying may still follow the cards: not chosen by hand, nothing read for it yet. */
    private boolean mayGuess() {
        return !chosenByPerson && flow == null && !reading && navigator.current() == Screen.PURCHASE
                && variant.get() != PaymentVariant.CONTACTLESS_CREDIT_CARD;
    }

    /**
     * SELECTs our applets on the card on the pad and takes the way of paying it means: a combo card (FIG. 14B), a
     * contactless credit card with nothing in the slot (FIG. 14A, read at once as the credit card), else the
     * usual IC card in the slot with the e-money card or phone on the pad. The buttons stay for the person to
     * say otherwise.
     */
    private void identifyPadCard() {
        int identifyFor = attempt;
        reading = true;
        background.wrap(flows::identifyContactlessCard).onSuccess(identity -> {
            if (identifyFor != attempt) {
                return; // started over meanwhile: whatever reads now is not ours to clear
            }
            reading = false;
            if (chosenByPerson || identity.isEmpty() || !cards.isContactlessPresent()) {
                return;
            }
            PaymentVariant found = variantOf(identity.get());
            if (found != variant.get()) {
                startOver(found);
                readTappedCardIfOnPad(true);
            }
        }).onFailure(gone -> {
            if (identifyFor == attempt) {
                reading = false; // the card left while being looked at: nothing to guess
            }
        }).start();
    }

    private PaymentVariant variantOf(CardIdentity identity) {
        if (identity.credit() && identity.purse()) {
            return PaymentVariant.COMBO_CARD;
        }
        if (identity.credit() && !cards.isContactPresent()) {
            return PaymentVariant.CONTACTLESS_CREDIT_CARD;
        }
        return PaymentVariant.IC_CREDIT_CARD;
    }

    /**
     * Reads the card on the pad as the card the flow asks for, while FIG. 9B is shown: one just tapped, or
     * ({@code alreadyThere}) one that lay there when the person chose FIG. 14A — not a mistake of theirs, so not
     * said as one.
     */
    private void readTappedCardIfOnPad(boolean alreadyThere) {
        if (variant.get() != PaymentVariant.CONTACTLESS_CREDIT_CARD || nextCard.get() == PurchaseFlow.Card.CREDIT_CARD_AGAIN
                || reading || navigator.current() != Screen.PURCHASE || !cards.isContactlessPresent()) {
            return;
        }
        reading = true;
        int readFor = attempt;
        PurchaseFlow existing = flow;
        background.wrap(() -> {
            PurchaseFlow current = existing != null ? existing : newFlow(true);
            current.readPresentedCard();
            return current;
        }).onSuccess(read -> tapRead(readFor, read, alreadyThere)).onFailure(e -> {
            reading = false;
            problems.showDefect(e);
        }).start();
    }

    private void tapRead(int readFor, PurchaseFlow read, boolean alreadyThere) {
        if (readFor != attempt) {
            read.close(); // the person started over meanwhile
            return;
        }
        reading = false;
        if (read.state() == PurchaseFlow.State.FAILED) {
            // Not the card asked for (or gone too soon): the engine's flow is over; start with the credit card.
            FlowFailure failure = read.failure();
            boolean notCredit = failure != null && failure.error() == FlowError.CARD_NOT_SUPPORTED;
            wrongCard.set(notCredit && !alreadyThere);
            otherCardOnPad.set(notCredit && alreadyThere);
            follow(null);
            return;
        }
        boolean creditJustRead = nextCard.get() == PurchaseFlow.Card.CREDIT_CARD;
        wrongCard.set(false);
        otherCardOnPad.set(false);
        follow(read);
        if (read.nextCard() == PurchaseFlow.Card.CREDIT_CARD_AGAIN) {
            // A combo card read as the credit card stays on the pad for TRANSMIT; after the e-money card the
            // credit card is still to come back.
            creditOnPadAgain.set(creditJustRead && cards.isContactlessPresent());
        }
    }

    // ---------------------------------------------------------------- TRANSMIT

    /**
     * TRANSMIT: reads the cards not read yet, has the card verify {@code pin} and the credit company bill
     * {@code amount}. {@code pin} belongs to this process now and is wiped once the flow has used it.
     * {@code typeAgain} runs when the person comes back to FIG. 9B through "try again".
     */
    public void transmit(char[] pin, long amount, Runnable typeAgain) {
        Objects.requireNonNull(pin, "pin");
        Objects.requireNonNull(typeAgain, "typeAgain");
        boolean creditOnContactless = variant.get().creditOnContactless();
        PurchaseFlow existing = flow;
        progress.show(Keys.PROCESSING_READING_CARD);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(() -> {
            try {
                PurchaseFlow current = existing != null && existing.state() != PurchaseFlow.State.FAILED ? existing
                        : newFlow(creditOnContactless);
                if (current.readCards() == PurchaseFlow.State.READY_FOR_PIN_AND_AMOUNT) {
                    current.transmit(PinSource.of(pin), amount);
                }
                return current;
            } finally {
                Arrays.fill(pin, '\0');
            }
        }).onSuccess(done -> show(done, typeAgain)).onFailure(problems::showDefect).start();
    }

    /** On the worker: a new flow whose states the processing screen shows. */
    private PurchaseFlow newFlow(boolean creditOnContactless) {
        return flows.purchase(creditOnContactless, state -> background.onFxThread(() -> progress.show(state)));
    }

    private void show(PurchaseFlow done, Runnable typeAgain) {
        PurchaseFlow.State state = done.state();
        if (state == PurchaseFlow.State.APPROVED) {
            attempt++;
            follow(null);
            approved.accept(done.receipt());
            return;
        }
        if (state == PurchaseFlow.State.FAILED) {
            // The engine's flow is over: "try again" starts with the cards anew (FIG. 14A: the credit card first).
            attempt++;
            follow(null);
            creditOnPadAgain.set(false);
        } else {
            follow(done); // a wrong PIN or a refused amount: the same flow, the card still in
        }
        FlowFailure failure = done.failure();
        if (failure == null) {
            problems.showDefect(new IllegalStateException("purchase stopped in " + state + " without a failure"));
            return;
        }
        problems.show(failure, RETRYABLE.contains(failure.error()) ? () -> tryAgain(typeAgain) : null);
    }

    /** Back to FIG. 9B after a wrong PIN or a refused amount: the screen types the amount again. */
    private void tryAgain(Runnable typeAgain) {
        navigator.navigate(Screen.PURCHASE);
        typeAgain.run();
        readTappedCardIfOnPad(false);
    }

    /**
     * The idle timeout, before TRANSMIT (on FIG. 9B or on the error screen after a wrong PIN): the flow kept
     * for a retry is closed, which releases the credit card session. Never called while TRANSMIT runs (the
     * processing screen does not time out).
     */
    @Override
    public boolean settleForIdle() {
        startOver(PaymentVariant.IC_CREDIT_CARD); // closes the kept flow
        return true;
    }

    /** How the person pays (FIG. 9B, FIG. 14A–14C); every new purchase starts with the IC credit card. */
    public ReadOnlyObjectProperty<PaymentVariant> variantProperty() {
        return variant.getReadOnlyProperty();
    }

    /** The card the flow asks for next: FIG. 14A's card to tap (the credit card, the e-money card, the credit card again). */
    public ReadOnlyObjectProperty<PurchaseFlow.Card> nextCardProperty() {
        return nextCard.getReadOnlyProperty();
    }

    /** FIG. 14A: the last card tapped was not the one asked for. */
    public ReadOnlyBooleanProperty wrongCardProperty() {
        return wrongCard.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty otherCardOnPadProperty() {
        return otherCardOnPad.getReadOnlyProperty();
    }

    /** FIG. 14A: a card is on the pad again after both were read (TRANSMIT checks it is the credit card). */
    public ReadOnlyBooleanProperty creditOnPadAgainProperty() {
        return creditOnPadAgain.getReadOnlyProperty();
    }
}
