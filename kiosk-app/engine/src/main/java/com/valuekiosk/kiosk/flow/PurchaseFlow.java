package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.journal.Step;
import com.valuekiosk.kiosk.journal.StepRecord;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardRemovedException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.kiosk.reader.NoCardException;
import com.valuekiosk.kiosk.reader.PinEntry;
import com.valuekiosk.kiosk.reader.PinSource;
import com.valuekiosk.kiosk.reader.ReaderException;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.TimeOrderedIds;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.util.Arrays;
import java.util.Objects;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Buying VALUE with the credit card (FIG. 7, screen FIG. 9B), one command per screen action. The flow
 * decides which card it needs next ({@link #nextCard()}): the credit card — in the contact reader, or
 * tapped on the contactless reader (FIG. 14A) — then the e-money card or phone; a combo card (FIG. 14B)
 * gives both at once. {@link #readPresentedCard()} reads the card it asks for as that card is presented
 * (FIG. 14A's one reader holds one card at a time); {@link #readCards()} reads every card still needed
 * when each has its own reader. Then {@link #transmit(PinSource, long)} with the PIN and the amount.
 * Each command runs to its next state and returns it; no threads inside. The request id is journaled
 * before anything is sent, so an interrupted purchase is settled by {@code Recovery} from the credit
 * company server's answer for that id — never by guessing.
 */
public final class PurchaseFlow implements AutoCloseable {

    private static final Logger log = LoggerFactory.getLogger(PurchaseFlow.class);

    public enum State {
        WAITING_FOR_CARDS, READING_CREDIT_CARD, READING_EMONEY_CARD, READY_FOR_PIN_AND_AMOUNT, VERIFYING_PIN,
        AUTHORIZING, CONTACTING_CREDIT_COMPANY, APPROVED, FAILED
    }

    /** The card the flow needs next ({@link #nextCard()}). */
    public enum Card {
        /** The credit card: inserted in the contact reader, tapped (FIG. 14A), or the combo card (FIG. 14B). */
        CREDIT_CARD,
        /** The e-money card or the phone, on the contactless reader. */
        EMONEY_CARD,
        /**
         * Both cards are read on the one contactless reader (FIG. 14A): the credit card is presented again for
         * TRANSMIT, which checks it is the same card (FIG. 14B's combo card simply stays).
         */
        CREDIT_CARD_AGAIN,
        /** Both cards are read, each on its own reader; or the flow has ended. */
        NONE
    }

    private final UUID transaction = TimeOrderedIds.uuid();
    private final CardReader creditReader;
    private final CardReader emoneyReader;
    private final PinEntry pinEntry;
    private final CreditCompanyClient creditCompany;
    private final Journal journal;
    private final KioskSettings settings;
    private final CardFingerprints fingerprints;
    private final FlowListener<State> listener;
    private final KeptPurseSession keptPurse;

    private State state = State.WAITING_FOR_CARDS;
    private CardSession creditSession;
    /** The e-money card's session this flow left in {@link #keptPurse} for the charge-up; null when none. */
    private KeptPurseSession.Kept purseSession;
    private CardNumber creditCard;
    private CardNumber emoneyCard;
    private FlowFailure failure;
    private ValuePurchaseResponse approval;
    /** The last step journaled for the current attempt; null before the first TRANSMIT. */
    private Step lastStep;

    public PurchaseFlow(CardReader creditReader, CardReader emoneyReader, PinEntry pinEntry,
                        CreditCompanyClient creditCompany, Journal journal, KioskSettings settings,
                        CardFingerprints fingerprints, FlowListener<State> listener) {
        this(creditReader, emoneyReader, pinEntry, creditCompany, journal, settings, fingerprints, listener,
                KeptPurseSession.never());
    }

    /**
     * @param keptPurse where the e-money card's session is left, the purse selected, for the charge-up that may
     *        follow (issue "speed"): it saves the charge-up a SELECT; released when this flow fails or is closed
     */
    public PurchaseFlow(CardReader creditReader, CardReader emoneyReader, PinEntry pinEntry,
                        CreditCompanyClient creditCompany, Journal journal, KioskSettings settings,
                        CardFingerprints fingerprints, FlowListener<State> listener, KeptPurseSession keptPurse) {
        this.keptPurse = Objects.requireNonNull(keptPurse);
        this.creditReader = Objects.requireNonNull(creditReader);
        this.emoneyReader = Objects.requireNonNull(emoneyReader);
        this.pinEntry = Objects.requireNonNull(pinEntry);
        this.creditCompany = Objects.requireNonNull(creditCompany);
        this.journal = Objects.requireNonNull(journal);
        this.settings = Objects.requireNonNull(settings);
        this.fingerprints = Objects.requireNonNull(fingerprints);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Which card the flow needs next, from what it has read so far: the credit card first, then the e-money
     * card; none once the flow has ended (approved or failed).
     */
    public Card nextCard() {
        if (state == State.APPROVED || state == State.FAILED) {
            return Card.NONE;
        }
        if (creditCard == null) {
            return Card.CREDIT_CARD;
        }
        if (emoneyCard == null) {
            return Card.EMONEY_CARD;
        }
        return creditReader == emoneyReader ? Card.CREDIT_CARD_AGAIN : Card.NONE;
    }

    /**
     * Reads the card presented now as the card {@link #nextCard()} asks for: the credit card or the e-money
     * card. Another card there (an e-money card when the credit card is asked for) ends the flow with
     * {@link FlowError#CARD_NOT_SUPPORTED}. Nothing to read (both read already): the state, unchanged.
     */
    public State readPresentedCard() {
        return switch (nextCard()) {
            case CREDIT_CARD -> readCreditCard();
            case EMONEY_CARD -> readEmoneyCard();
            case CREDIT_CARD_AGAIN, NONE -> state;
        };
    }

    /**
     * Reads every card still needed, the credit card first, until the flow waits for PIN and amount or has
     * failed: for cards that lie on their own readers at once (FIG. 9B, FIG. 14C) and for the combo card
     * (FIG. 14B). At most one read per card.
     */
    public State readCards() {
        for (int read = 0; read < 2 && state != State.FAILED; read++) {
            Card next = nextCard();
            if (next != Card.CREDIT_CARD && next != Card.EMONEY_CARD) {
                break;
            }
            readPresentedCard();
        }
        return state;
    }

    /** Reads the credit card on its reader. A combo card (FIG. 14B) gives the e-money card number too. */
    public State readCreditCard() {
        moveTo(State.READING_CREDIT_CARD);
        try {
            creditSession = creditReader.connect();
            CreditCardApplication credit = new CreditCardApplication(creditSession);
            AppletInfo selected = credit.select();
            CreditCardData data = credit.cardData(selected);
            if (data.pinTriesRemaining() == 0) {
                return fail(FlowFailure.of(FlowError.CARD_BLOCKED, "PIN blocked"));
            }
            creditCard = data.cardNumber();
            // The SELECT answer says whether a purse shares the chip; only a card that does not say (version 1) is probed.
            if (emoneyCard == null && selected.purseOnCard().orElse(true)) {
                emoneyCard = purseOnTheSameCard(credit, creditSession);
            }
            return moveTo(emoneyCard == null ? State.READING_EMONEY_CARD : State.READY_FOR_PIN_AND_AMOUNT);
        } catch (CardStatusException | MalformedResponseException e) {
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            return fail(transportFailure(e));
        }
    }

    /**
     * Reads the e-money card number (or the phone's) on the contactless reader: one SELECT, whose answer carries
     * it. On its own reader the card's session stays open while the card stays in the field ({@link KeptPurseSession}):
     * the charge-up after "Charge up now" goes on in it without a new SELECT.
     */
    public State readEmoneyCard() {
        if (emoneyCard != null) {
            return moveTo(creditCard == null ? State.READING_CREDIT_CARD : State.READY_FOR_PIN_AND_AMOUNT);
        }
        moveTo(State.READING_EMONEY_CARD);
        try {
            CardSession session = emoneyReader.connect();
            boolean kept = false;
            try {
                PurseApplication purse = new PurseApplication(session);
                PurseData data = purse.cardData(purse.select());
                emoneyCard = data.cardNumber();
                // FIG. 14A's one reader takes the credit card again next: nothing to keep there.
                if (emoneyReader != creditReader) {
                    purseSession = keptPurse.keep(emoneyReader, session, data);
                    kept = true;
                }
            } finally {
                if (!kept) {
                    session.close();
                }
            }
            // FIG. 14A: on a single reader the credit card may come second.
            return moveTo(creditCard == null ? State.READING_CREDIT_CARD : State.READY_FOR_PIN_AND_AMOUNT);
        } catch (CardStatusException | MalformedResponseException e) {
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            return fail(transportFailure(e));
        }
    }

    /**
     * TRANSMIT (FIG. 9B): the card verifies the PIN, authorises the purchase, and the credit
     * company server bills it. {@code pin} is the screen keypad's PIN ({@link PinSource#NONE} when
     * the reader's PIN pad collects it); whatever it hands out is wiped after use.
     */
    public State transmit(PinSource pin, long amount) {
        try {
            if (state != State.READY_FOR_PIN_AND_AMOUNT || (creditSession == null && creditReader != emoneyReader)) {
                throw new IllegalStateException("transmit in state " + state + (creditSession == null ? " (closed)" : ""));
            }
            if (amount < settings.minimumPurchase() || amount > settings.maximumPurchase()) {
                wipe(pin);
                // Nothing happened yet: the person corrects the amount on the same screen.
                failure = FlowFailure.of(FlowError.INVALID_AMOUNT, "amount " + amount);
                return state;
            }
            UUID requestId = TimeOrderedIds.uuid();
            record(new StepRecord.PurchaseStarted(requestId, amount, settings.currency().getCurrencyCode(),
                    creditCard.masked(), emoneyCard.masked(), fingerprints.of(emoneyCard)));

            moveTo(State.VERIFYING_PIN);
            if (creditReader == emoneyReader && !sameCreditCardPresentedAgain()) {
                return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, "the credit card presented again is another card"));
            }
            pinEntry.verify(creditSession, pin);

            moveTo(State.AUTHORIZING);
            PurchaseRequest request = new PurchaseRequest(amount, settings.currency(), emoneyCard, settings.terminal());
            PurchaseAuthorization authorization = new CreditCardApplication(creditSession).authorizePurchase(request);
            record(new StepRecord.PurchaseAuthorized(requestId, authorization.atc()));

            moveTo(State.CONTACTING_CREDIT_COMPANY);
            ValuePurchaseRequest body = new ValuePurchaseRequest(requestId, creditCard.digits(), emoneyCard.digits(), amount,
                    settings.currency().getCurrencyCode(), authorization.atc(), Bytes.hex(authorization.cryptogram()));
            return settle(creditCompany.purchase(body));
        } catch (CardStatusException e) {
            FlowFailure refusal = pinOrCardFailure(e);
            if (refusal.error() == FlowError.WRONG_PIN) {
                // The person may try again on the same screen, with the card still in.
                record(new StepRecord.PurchaseFailed(FlowError.WRONG_PIN.name()));
                failure = refusal;
                return moveTo(State.READY_FOR_PIN_AND_AMOUNT);
            }
            return fail(refusal);
        } catch (MalformedResponseException e) {
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            return fail(transportFailure(e));
        }
    }

    /**
     * FIG. 14A: on a single contactless reader the credit card was taken away for the e-money card
     * and is presented again; it must be the same card. A check of this kiosk, not of the card: the
     * card answered normally, so no status word is involved.
     */
    private boolean sameCreditCardPresentedAgain() throws CardTransportException, CardStatusException {
        closeSession();
        creditSession = creditReader.connect();
        CreditCardApplication credit = new CreditCardApplication(creditSession);
        return credit.cardData(credit.select()).cardNumber().equals(creditCard);
    }

    /** A PIN the flow will not use is still wiped. */
    private static void wipe(PinSource pin) {
        char[] unused = pin.takePin();
        if (unused != null) {
            Arrays.fill(unused, '\0');
        }
    }

    /** Whether the screen shows its PIN keypad (false: the person types on the reader's PIN pad). */
    public boolean usesScreenKeypad() {
        return pinEntry.usesScreenKeypad();
    }

    private State settle(Outcome<ValuePurchaseResponse> outcome) {
        if (outcome instanceof Outcome.Success<ValuePurchaseResponse> success) {
            approval = success.value();
            record(new StepRecord.PurchaseApproved(approval.purchaseId(), approval.amount(), approval.notification().name(), null));
            log.info("purchase {} approved: {} {} on {}", approval.purchaseId(), approval.amount(), approval.currency(),
                    approval.maskedCardNumber());
            return moveTo(State.APPROVED);
        }
        if (outcome instanceof Outcome.Refused<ValuePurchaseResponse> refused) {
            ErrorCode code = refused.error().code();
            record(new StepRecord.PurchaseDeclined(code.name(), null));
            return fail(FlowFailure.of(refusalError(code), code.name()));
        }
        // No answer: the journal holds the request id; Recovery asks the server what became of it.
        String reason = ((Outcome.Unknown<ValuePurchaseResponse>) outcome).reason();
        log.warn("purchase outcome unknown, left to recovery: {}", reason);
        return fail(FlowFailure.of(FlowError.SERVER_UNREACHABLE, reason));
    }

    /**
     * The credit company's "no" as the person reads it: over the quota, or their card refused; any other
     * refusal (this kiosk not registered, a request the server cannot read) is not about their card.
     */
    private static FlowError refusalError(ErrorCode code) {
        return switch (code) {
            case QUOTA_EXCEEDED, INSUFFICIENT_FUNDS -> FlowError.DECLINED_OVER_QUOTA;
            case CARD_UNKNOWN, CARD_NOT_ACTIVE, CRYPTOGRAM_INVALID, ATC_REPLAYED, EMONEY_CARD_NOT_MAPPED -> FlowError.DECLINED;
            default -> FlowError.INTERNAL;
        };
    }

    /**
     * The combo card's purse (FIG. 14B): its number from its SELECT answer, then the credit card applet selected
     * again for VERIFY. Null when the purse is not there or not usable: the e-money card comes on the other reader.
     */
    private static CardNumber purseOnTheSameCard(CreditCardApplication credit, CardSession session)
            throws CardTransportException, CardStatusException {
        PurseApplication purse = new PurseApplication(session);
        CardNumber number = null;
        boolean purseSelected = false;
        try {
            AppletInfo selected = purse.select();
            purseSelected = true;
            if (selected.operational()) {
                number = purse.cardData(selected).cardNumber();
            }
        } catch (CardStatusException notThere) {
            // No purse answered (6A82): the credit card applet is still the selected one.
        } catch (MalformedResponseException notOurs) {
            purseSelected = true;
        }
        if (purseSelected) {
            credit.select();
        }
        return number;
    }

    private static FlowFailure pinOrCardFailure(CardStatusException e) {
        if (e.sw() == CardProtocol.SW_PIN_BLOCKED) {
            return FlowFailure.of(FlowError.CARD_BLOCKED, e.getMessage());
        }
        if (e.pinTriesRemaining() > 0) {
            return new FlowFailure(FlowError.WRONG_PIN, e.pinTriesRemaining(), e.getMessage());
        }
        return FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage());
    }

    static FlowFailure transportFailure(CardTransportException e) {
        if (e instanceof NoCardException) {
            return FlowFailure.of(FlowError.NO_CARD, e.getMessage());
        }
        if (e instanceof CardRemovedException) {
            return FlowFailure.of(FlowError.CARD_REMOVED_TOO_EARLY, e.getMessage());
        }
        if (e instanceof ReaderException) {
            return FlowFailure.of(FlowError.READER_UNAVAILABLE, e.getMessage());
        }
        return FlowFailure.of(FlowError.CARD_REMOVED_TOO_EARLY, e.getMessage());
    }

    private State fail(FlowFailure failure) {
        this.failure = failure;
        // After AUTHORIZED the request may have reached the server: only its answer may end the
        // transaction, so it stays open for Recovery. Before, nothing left the kiosk.
        if (lastStep != null && !lastStep.isTerminal() && lastStep != Step.PURCHASE_AUTHORIZED) {
            record(new StepRecord.PurchaseFailed(failure.error().name()));
        }
        closeSession();
        releasePurseSession(); // no charge-up follows a failed purchase
        return moveTo(State.FAILED);
    }

    private void record(StepRecord record) {
        journal.append(transaction, record);
        lastStep = record.step();
    }

    private State moveTo(State next) {
        state = next;
        if (next == State.APPROVED) {
            closeSession();
        }
        listener.onState(next);
        return next;
    }

    private void closeSession() {
        if (creditSession != null) {
            creditSession.close();
            creditSession = null;
        }
    }

    /** The e-money card's session left for a charge-up, closed unless a charge-up took it already. */
    private void releasePurseSession() {
        if (purseSession != null) {
            keptPurse.release(purseSession);
            purseSession = null;
        }
    }

    /**
     * The person walked away (or the idle timeout fired): the card sessions are released — the e-money card's too,
     * unless a charge-up took it. A purchase already sent stays in the journal for Recovery; nothing else happened
     * that needs undoing.
     */
    @Override
    public void close() {
        closeSession();
        releasePurseSession();
    }

    public State state() {
        return state;
    }

    /** Why the flow failed (or why the last TRANSMIT was refused, for INVALID_AMOUNT). */
    public FlowFailure failure() {
        return failure;
    }

    public ValuePurchaseResponse approval() {
        return approval;
    }

    /** The receipt of the amount charged (R-KI7), once approved. */
    public Receipt receipt() {
        if (approval == null) {
            throw new IllegalStateException("no receipt before approval");
        }
        return new Receipt(approval.purchaseId(), approval.terminalId(), approval.billedAt(), approval.maskedCardNumber(),
                approval.maskedEmoneyCardNumber(), approval.amount(), java.util.Currency.getInstance(approval.currency()));
    }

    public CardNumber emoneyCard() {
        return emoneyCard;
    }

    public UUID transaction() {
        return transaction;
    }
}
