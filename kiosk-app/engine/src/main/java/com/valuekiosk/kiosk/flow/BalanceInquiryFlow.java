package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardSession;
import java.util.List;
import java.util.Objects;

/** Balance inquiry (FIG. 9A): the e-money card's balance and its log, read from the card alone. */
public final class BalanceInquiryFlow {

    public enum State { WAITING_FOR_CARD, READING_CARD, SHOWING_BALANCE, FAILED }

    /** What the balance screen shows. Card number masked. */
    public record Balance(String maskedCard, long balance, long maximumBalance, String currency, List<PurseLogEntry> log) {
    }

    private final CardReader reader;
    private final FlowListener<State> listener;
    private State state = State.WAITING_FOR_CARD;
    private Balance balance;
    private FlowFailure failure;

    public BalanceInquiryFlow(CardReader reader, FlowListener<State> listener) {
        this.reader = Objects.requireNonNull(reader);
        this.listener = Objects.requireNonNull(listener);
    }

    public State readCard() {
        moveTo(State.READING_CARD);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            PurseData data = purse.cardData(purse.select());
            balance = new Balance(data.cardNumber().masked(), data.balance(), data.maximumBalance(),
                    data.currency().getCurrencyCode(), purse.readLog(data.logCount()));
            return moveTo(State.SHOWING_BALANCE);
        } catch (CardStatusException | MalformedResponseException e) {
            failure = FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage());
        } catch (CardTransportException e) {
            failure = PurchaseFlow.transportFailure(e);
        }
        return moveTo(State.FAILED);
    }

    private State moveTo(State next) {
        state = next;
        listener.onState(next);
        return next;
    }

    public State state() {
        return state;
    }

    public Balance balance() {
        return balance;
    }

    public FlowFailure failure() {
        return failure;
    }
}
