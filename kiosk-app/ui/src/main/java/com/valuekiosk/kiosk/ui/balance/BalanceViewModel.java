package com.valuekiosk.kiosk.ui.balance;

import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.FlowError;
import com.valuekiosk.kiosk.ui.BackgroundWork;
import com.valuekiosk.kiosk.ui.KioskFlows;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Problems;
import com.valuekiosk.kiosk.ui.Progress;
import com.valuekiosk.kiosk.ui.Resettable;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.cards.CardPresence;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Set;
import javafx.beans.property.ReadOnlyObjectProperty;
import javafx.beans.property.ReadOnlyObjectWrapper;

/**
 * Balance inquiry (FIG. 9A): the balance screen asks for the e-money card, reads it when it arrives on the
 * contactless reader (or at once when it is already there) and shows its balance and log. Another card
 * tapped while the balance is shown is read in turn.
 */
public final class BalanceViewModel implements Resettable {

    private static final Set<FlowError> RETRYABLE = EnumSet.of(FlowError.NO_CARD, FlowError.CARD_REMOVED_TOO_EARLY);

    private final KioskFlows flows;
    private final BackgroundWork background;
    private final Navigator navigator;
    private final Progress progress;
    private final Problems problems;
    private final CardPresence cards;
    private final ReadOnlyObjectWrapper<BalanceInquiryFlow.Balance> balance = new ReadOnlyObjectWrapper<>(this, "balance");

    public BalanceViewModel(KioskFlows flows, BackgroundWork background, Navigator navigator, Progress progress,
                            Problems problems, CardPresence cards) {
        this.flows = Objects.requireNonNull(flows, "flows");
        this.background = Objects.requireNonNull(background, "background");
        this.navigator = Objects.requireNonNull(navigator, "navigator");
        this.progress = Objects.requireNonNull(progress, "progress");
        this.problems = Objects.requireNonNull(problems, "problems");
        this.cards = Objects.requireNonNull(cards, "cards");
        cards.contactlessPresentProperty().addListener((o, was, present) -> {
            if (present && navigator.current() == Screen.BALANCE) {
                readCard();
            }
        });
    }

    /** From the menu (and "try again"): the balance screen waits for the card, or reads the one already there. */
    public void inquire() {
        balance.set(null);
        navigator.navigate(Screen.BALANCE);
        if (cards.isContactlessPresent()) {
            readCard();
        }
    }

    private void readCard() {
        progress.show(Keys.PROCESSING_READING_CARD);
        navigator.navigate(Screen.PROCESSING);
        background.wrap(() -> {
            BalanceInquiryFlow flow = flows.balanceInquiry(state -> background.onFxThread(() -> progress.show(state)));
            flow.readCard();
            return flow;
        }).onSuccess(flow -> {
            if (flow.state() == BalanceInquiryFlow.State.SHOWING_BALANCE) {
                balance.set(flow.balance());
                navigator.navigate(Screen.BALANCE);
            } else {
                problems.show(flow.failure(), RETRYABLE.contains(flow.failure().error()) ? this::inquire : null);
            }
        }).onFailure(problems::showDefect).start();
    }

    public void backToMenu() {
        navigator.navigate(Screen.MENU);
    }

    /** The card's balance and log (card number masked); null when no card was read. */
    public ReadOnlyObjectProperty<BalanceInquiryFlow.Balance> balanceProperty() {
        return balance.getReadOnlyProperty();
    }

    /** A log record that charged the card (else a payment). */
    public static boolean isCredit(PurseLogEntry entry) {
        return entry.type() == PurseLogEntry.Type.CREDIT;
    }

    @Override
    public void reset() {
        // The next person must not see this card's balance.
        balance.set(null);
    }
}
