package com.valuekiosk.kiosk.ui.chargeup;

import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.flow.FlowFailure;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Problem;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.Settleable;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Callable;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.ReadOnlyBooleanWrapper;
import javafx.beans.property.ReadOnlyLongProperty;
import javafx.beans.property.ReadOnlyLongWrapper;

/**
 * One charge-up (FIG. 8) across its screens — place card / password (FIG. 10A), confirmation (10B),
 * completion (10C) or kept for later — driving a {@link ChargeUpFlow} off the FX thread with the
 * processing screen meanwhile. The screens' view models read its properties and call its commands. Its
 * state is written on the FX thread only: the worker runs one flow command and hands back the state.
 *
 * <p>No "my card is on the reader" button: FIG. 10A starts the flow when a card arrives on the contactless
 * reader, or at once when one is already there as the screen opens. A card that stayed on the reader after
 * its charge-up is refused by the engine ({@link FlowError#CARD_STILL_ON_READER}, R-KI5): FIG. 10A then asks
 * the person to take it away and tap it again, and the next arrival starts the flow.
 */
public final class ChargeUpProcess implements Settleable {

    /** Failures after which reading the card again is the sensible next step. */
    private static final Set<FlowError> RETRYABLE = EnumSet.of(FlowError.NO_CARD, FlowError.CARD_REMOVED_TOO_EARLY,
            FlowError.CARD_STILL_ON_READER, FlowError.SERVER_UNREACHABLE, FlowError.PASSWORD_WRONG);

    private final KioskFlows flows;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final Progress progress;
    private final Problems problems;
    private final CardPresence cards;

    private final ReadOnlyBooleanWrapper lingering = new ReadOnlyBooleanWrapper(this, "lingering");
    private final ReadOnlyBooleanWrapper notEmoney = new ReadOnlyBooleanWrapper(this, "notEmoney");
    private final ReadOnlyBooleanWrapper passwordNeeded = new ReadOnlyBooleanWrapper(this, "passwordNeeded");
    private final ReadOnlyBooleanWrapper passwordWrong = new ReadOnlyBooleanWrapper(this, "passwordWrong");
    private final ReadOnlyLongWrapper available = new ReadOnlyLongWrapper(this, "available");
    private final ReadOnlyLongWrapper balanceBefore = new ReadOnlyLongWrapper(this, "balanceBefore");
    private final ReadOnlyLongWrapper maximumBalance = new ReadOnlyLongWrapper(this, "maximumBalance");
    private final ReadOnlyLongWrapper charged = new ReadOnlyLongWrapper(this, "charged");
    private final ReadOnlyLongWrapper balanceAfter = new ReadOnlyLongWrapper(this, "balanceAfter");

    /** The flow of this charge-up; FX thread only (the worker gets it handed in, or hands a new one back). */
    private ChargeUpFlow flow;

    public ChargeUpProcess(KioskFlows flows, BackgroundWork background, Navigator navigator, Progress progress,
                           Problems problems, CardPresence cards) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.cards = Objects.requireNonNull(cards, "cards");
        cards.contactlessPresentProperty().addListener((o, was, present) -> {
            if (present) {
                cardArrived();
            }
        });
        // A card taken away during the write and placed again: the write goes on by itself ("Card placed" stays
        // on the screen for a reader that does not report arrivals).
        cards.contactlessPresentProperty().addListener((o, was, present) -> {
            ChargeUpFlow current = flow;
            if (present && current != null && current.state() == ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE
                    && navigator.current() == Screen.ERROR) {
                retryWrite();
            }
        });
    }

    /** From the menu (and "try again"): FIG. 10A waits for the card, or reads the one already there. */
    public void begin() {
        flow = null;
        passwordNeeded.set(false);
        passwordWrong.set(false);
        lingering.set(false);
        notEmoney.set(false);
        navigator.navigate(Screen.CHARGE_UP);
        if (cards.isContactlessPresent()) {
            readCard();
        }
    }

    /** A card arrived: it starts the charge-up while FIG. 10A waits for one (not while it asks for a password). */
    private void cardArrived() {
        if (navigator.current() == Screen.CHARGE_UP && flow == null) {
            readCard();
        }
    }

    /** The card is on the reader: read it and ask the server what is waiting. */
    public void readCard() {
        lingering.set(false);
        notEmoney.set(false);
        flow = null;
        progress.show(Keys.PROCESSING_READING_CARD);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(() -> {
            ChargeUpFlow started = flows.chargeUp(state -> background.onFxThread(() -> progress.show(state)));
            started.readCard();
            return started;
        }).onSuccess(started -> {
            FlowFailure failure = started.failure();
            if (started.state() == ChargeUpFlow.State.FAILED && failure.error() == FlowError.CARD_NOT_SUPPORTED) {
                // Another card on the pad (the credit card of FIG. 14A after its purchase): nothing was started,
                // so FIG. 10A asks for the e-money card and waits for it instead of ending on an error.
                passwordNeeded.set(false);
                notEmoney.set(true);
                navigator.navigate(Screen.CHARGE_UP);
                return;
            }
            flow = started;
            show(started.state());
        }).onFailure(problems::showDefect).start();
    }

    /** TRANSMIT on the password screen; {@code password} now belongs to the flow, which wipes it. */
    public void submitPassword(char[] password) {
        ChargeUpFlow current = requireFlow();
        run(Keys.PROCESSING_CONTACTING_EMONEY, () -> current.submitPassword(password));
    }

    /** YES / NO of FIG. 10B. */
    public void confirm(boolean yes) {
        ChargeUpFlow current = requireFlow();
        run(Keys.PROCESSING_CONTACTING_EMONEY, () -> current.confirm(yes));
    }

    /** The card taken away during the write is back on the reader. */
    public void retryWrite() {
        ChargeUpFlow current = requireFlow();
        run(Keys.PROCESSING_WRITING_CARD, current::retryWrite);
    }

    private ChargeUpFlow requireFlow() {
        ChargeUpFlow current = flow;
        if (current == null) {
            throw new IllegalStateException("no charge-up under way");
        }
        return current;
    }

    private void run(String firstMessage, Callable<ChargeUpFlow.State> command) {
        progress.show(firstMessage);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(command).onSuccess(this::show).onFailure(problems::showDefect).start();
    }

    private void show(ChargeUpFlow.State state) {
        ChargeUpFlow current = flow;
        switch (state) {
            case PASSWORD_NEEDED -> {
                FlowFailure failure = current.failure();
                passwordWrong.set(failure != null && failure.error() == FlowError.PASSWORD_WRONG);
                passwordNeeded.set(true);
                navigator.navigate(Screen.CHARGE_UP);
            }
            case AWAITING_CONFIRMATION -> {
                available.set(current.available());
                balanceBefore.set(current.balanceBefore());
                maximumBalance.set(current.maximumBalance());
                navigator.navigate(Screen.CONFIRM);
            }
            case COMPLETED -> {
                charged.set(current.charged());
                balanceAfter.set(current.balanceAfter());
                flow = null;
                navigator.navigate(Screen.COMPLETED);
            }
            case KEPT_FOR_LATER -> {
                flow = null;
                navigator.navigate(Screen.KEPT_FOR_LATER);
            }
            case CARD_REMOVED_DURING_WRITE -> problems.show(new Problem(Keys.REMOVED_WHAT, List.of(), Keys.REMOVED_NEXT,
                    Keys.REMOVED_RETRY, this::retryWrite));
            case FAILED -> {
                FlowFailure failure = current.failure();
                flow = null;
                if (failure.error() == FlowError.CARD_STILL_ON_READER) {
                    // Nothing was charged: FIG. 10A says "take it away and tap again" and waits for that tap.
                    passwordNeeded.set(false);
                    lingering.set(true);
                    navigator.navigate(Screen.CHARGE_UP);
                    return;
                }
                problems.show(failure, RETRYABLE.contains(failure.error()) ? this::begin : null);
            }
            default -> problems.showDefect(new IllegalStateException("charge-up stopped in " + state));
        }
    }

    /**
     * The card left during the write and the flow waits for it to come back: its error screen stays up for
     * the idle timeout (the engine settles the write from the card at its next tap either way).
     */
    @Override
    public boolean holdsScreen() {
        ChargeUpFlow current = flow;
        return current != null && current.state() == ChargeUpFlow.State.CARD_REMOVED_DURING_WRITE;
    }

    /**
     * The idle timeout, between commands. On the confirmation (FIG. 10B) it answers NO: the VALUE stays kept
     * for later and the "kept for later" screen tells so. While the card is awaited after a broken write the
     * screen stays. Otherwise (no card read yet, password asked) nothing is open and the flow is dropped.
     *
     * @return true when the screens may go back to the menu; false when this process shows what comes next
     */
    @Override
    public boolean settleForIdle() {
        ChargeUpFlow current = flow;
        if (current == null) {
            return true;
        }
        switch (current.state()) {
            case AWAITING_CONFIRMATION -> {
                confirm(false);
                return false;
            }
            case CARD_REMOVED_DURING_WRITE -> {
                return false;
            }
            default -> {
                flow = null;
                passwordNeeded.set(false);
                passwordWrong.set(false);
                return true;
            }
        }
    }

    /** The card still on the reader after its charge-up was refused; FIG. 10A asks to take it away and tap again. */
    public ReadOnlyBooleanProperty lingeringProperty() {
        return lingering.getReadOnlyProperty();
    }

    /** The card on the reader is not an e-money card; FIG. 10A asks for the e-money card. */
    public ReadOnlyBooleanProperty notEmoneyProperty() {
        return notEmoney.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty passwordNeededProperty() {
        return passwordNeeded.getReadOnlyProperty();
    }

    public ReadOnlyBooleanProperty passwordWrongProperty() {
        return passwordWrong.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty availableProperty() {
        return available.getReadOnlyProperty();
    }

    /** The card's balance before the charge-up (FIG. 10B). */
    public ReadOnlyLongProperty balanceBeforeProperty() {
        return balanceBefore.getReadOnlyProperty();
    }

    /** The most the card may hold. */
    public ReadOnlyLongProperty maximumBalanceProperty() {
        return maximumBalance.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty chargedProperty() {
        return charged.getReadOnlyProperty();
    }

    public ReadOnlyLongProperty balanceAfterProperty() {
        return balanceAfter.getReadOnlyProperty();
    }
}
