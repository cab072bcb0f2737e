package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.CardProtocol;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.MalformedResponseException;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.client.Sleeper;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.journal.JournalEntry;
import com.valuekiosk.kiosk.journal.Step;
import com.valuekiosk.kiosk.journal.StepRecord;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.CardRemovedException;
import com.valuekiosk.kiosk.reader.CardSession;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.TimeOrderedIds;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Charging VALUE onto the e-money card (FIG. 8, screens FIG. 10A–10C), one command per screen
 * action: {@link #readCard()} when the card is placed, {@link #submitPassword(char[])} when the
 * card has one, {@link #confirm(boolean)} for YES / NO, and {@link #retryWrite()} when the card
 * left during the write and is placed again.
 *
 * <p>Every step is journaled before it is acted on. The amount change is written to the card
 * exactly as the server issued it; if the card leaves mid-write, the card's own sequence number
 * tells whether it was applied, so the VALUE is neither lost nor applied twice.
 *
 * <p>The e-money server acts only on card state the card proves: PROVE STATE with a challenge of
 * the server's, which comes with the availability answer (no extra round trip on the usual path) or,
 * when the kiosk holds none or it has expired, from {@code /v1/charges/challenge}.
 */
public final class ChargeUpFlow {

    private static final Logger log = LoggerFactory.getLogger(ChargeUpFlow.class);
    /** Charges per YES: what was waiting, plus what arrived meanwhile; bounded so it always ends. */
    private static final int MAX_ROUNDS = 3;
    /**
     * A purchase for this card approved with its notice still on the way: how often, and how far apart, the kiosk
     * asks again before saying nothing is waiting (about 8 s in all, longer than the credit company's delivery
     * round of 5 s; the person just touched "Charge up now").
     */
    static final int NOTICE_WAITS = 16;
    static final java.time.Duration NOTICE_PAUSE = java.time.Duration.ofMillis(500);
    /** How recent a purchase must be for its notice to count as on its way. */
    static final java.time.Duration NOTICE_RECENT = java.time.Duration.ofMinutes(2);

    public enum State {
        WAITING_FOR_CARD, READING_CARD, PASSWORD_NEEDED, CHECKING_AVAILABILITY, AWAITING_CONFIRMATION,
        REQUESTING_CHANGE, WRITING_CARD, CARD_REMOVED_DURING_WRITE, CONFIRMING, COMPLETED, KEPT_FOR_LATER, FAILED
    }

    private final UUID transaction = TimeOrderedIds.uuid();
    private final CardReader reader;
    private final EmoneyClient emoney;
    private final Journal journal;
    private final CardFingerprints fingerprints;
    private final LingeringCardGuard guard;
    private final FlowListener<State> listener;
    private final Sleeper sleeper;
    private final KeptPurseSession keptPurse;

    private State state = State.WAITING_FOR_CARD;
    private CardNumber card;
    private char[] password;
    private long available;
    private long charged;
    private long balanceAfter;
    private long balanceBefore;
    private long maximumBalance;
    private AmountChangeResponse pending;
    private FlowFailure failure;
    /** The server's latest unused challenge for this card (from the availability answer), or null. */
    private String challenge;
    /** The card's last proof in this flow: its sequence number tells the write whether the change is still to be made. */
    private CardState lastProof;

    public ChargeUpFlow(CardReader reader, EmoneyClient emoney, Journal journal, CardFingerprints fingerprints,
                        LingeringCardGuard guard, FlowListener<State> listener) {
        this(reader, emoney, journal, fingerprints, guard, listener, Sleeper.system());
    }

    /** With the pause between availability requests while a purchase's notice is on its way (tests move it by hand). */
    public ChargeUpFlow(CardReader reader, EmoneyClient emoney, Journal journal, CardFingerprints fingerprints,
                        LingeringCardGuard guard, FlowListener<State> listener, Sleeper sleeper) {
        this(reader, emoney, journal, fingerprints, guard, listener, sleeper, KeptPurseSession.never());
    }

    /**
     * @param keptPurse a purse session a purchase left open on {@code reader} (taken instead of a new SELECT), and
     *        where this flow leaves its read's session until YES
     */
    public ChargeUpFlow(CardReader reader, EmoneyClient emoney, Journal journal, CardFingerprints fingerprints,
                        LingeringCardGuard guard, FlowListener<State> listener, Sleeper sleeper, KeptPurseSession keptPurse) {
        this.keptPurse = Objects.requireNonNull(keptPurse);
        this.sleeper = Objects.requireNonNull(sleeper);
        this.reader = Objects.requireNonNull(reader);
        this.emoney = Objects.requireNonNull(emoney);
        this.journal = Objects.requireNonNull(journal);
        this.fingerprints = Objects.requireNonNull(fingerprints);
        this.guard = Objects.requireNonNull(guard);
        this.listener = Objects.requireNonNull(listener);
    }

    /**
     * Reads the card, settles what an earlier interrupted charge left for it, and asks what is waiting. The read is
     * the SELECT answer — the purchase's, when its session was kept with the card in the field (no APDU at all) —
     * and its session stays open until YES, so the charge needs no SELECT of its own.
     */
    public State readCard() {
        moveTo(State.READING_CARD);
        Optional<KeptPurseSession.Kept> handed = keptPurse.take(reader);
        CardSession session = null;
        KeptPurseSession.Kept read;
        try {
            PurseData data = handed.map(KeptPurseSession.Kept::data).orElse(null);
            if (handed.isPresent()) {
                session = handed.get().session();
                try {
                    settleIfNotLingering(new PurseApplication(session), data);
                } catch (CardStatusException | CardTransportException | MalformedResponseException broken) {
                    // The kept session broke without an event; PROVE STATE only reads: read anew.
                    closeQuietly(session);
                    session = null;
                }
            }
            if (session == null) {
                session = reader.connect();
                PurseApplication purse = new PurseApplication(session);
                data = purse.cardData(purse.select());
                settleIfNotLingering(purse, data);
            }
            if (state == State.FAILED) {
                closeQuietly(session);
                return state;
            }
            read = keptPurse.keep(reader, session, data);
        } catch (CardStatusException | MalformedResponseException e) {
            closeQuietly(session);
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            closeQuietly(session);
            return fail(PurchaseFlow.transportFailure(e));
        }
        State next = askAvailability();
        if (next != State.AWAITING_CONFIRMATION) {
            keptPurse.release(read); // a password first, or nothing to do: the charge (if any) connects itself
        }
        return next;
    }

    /** Takes in the card's data; unless the card lingers after its last charge here, settles its earlier charges. */
    private void settleIfNotLingering(PurseApplication purse, PurseData data) throws CardStatusException, CardTransportException {
        card = data.cardNumber();
        balanceBefore = data.balance();
        maximumBalance = data.maximumBalance();
        if (guard.isLingering(reader, fingerprints.of(card))) {
            fail(FlowFailure.of(FlowError.CARD_STILL_ON_READER, "take the card away before charging again"));
            return;
        }
        settleEarlierCharges(purse);
    }

    /** The card's password (FIG. 10A); kept until the flow ends, then wiped. */
    public State submitPassword(char[] typed) {
        wipePassword();
        password = typed;
        return askAvailability();
    }

    /** YES charges everything that is waiting; NO keeps it on the server for later (FIG. 10B). */
    public State confirm(boolean yes) {
        if (state != State.AWAITING_CONFIRMATION) {
            throw new IllegalStateException("confirm in state " + state);
        }
        if (!yes) {
            journal.append(transaction, new StepRecord.ChargeKeptForLater(card.masked(), available));
            wipePassword();
            return moveTo(State.KEPT_FOR_LATER);
        }
        for (int round = 0; round < MAX_ROUNDS; round++) {
            State next = chargeOnce();
            // What the person saw and confirmed is on the card: no need to ask again (a flow's 4th and last request).
            // Only a charge smaller than that (an older change re-sent first) leaves VALUE to ask about.
            if (next != State.COMPLETED || charged >= available || remaining() <= 0) {
                return finish(next);
            }
        }
        return finish(State.COMPLETED);
    }

    /** After {@link State#CARD_REMOVED_DURING_WRITE}: the card is back; find out what it did and finish. */
    public State retryWrite() {
        if (state != State.CARD_REMOVED_DURING_WRITE) {
            throw new IllegalStateException("retryWrite in state " + state);
        }
        return finish(writeAndConfirm(pending));
    }

    private State askAvailability() {
        moveTo(State.CHECKING_AVAILABILITY);
        Outcome<Availability> outcome = emoney.availability(new AvailabilityRequest(card.digits(), passwordText()));
        // The VALUE just bought for this card may still be on its way from the credit company (its notice was
        // PENDING): ask again for a few seconds rather than tell the person nothing is waiting.
        for (int wait = 0; wait < NOTICE_WAITS && nothingWaiting(outcome) && purchaseNoticeOnItsWay(); wait++) {
            try {
                sleeper.sleep(NOTICE_PAUSE);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                break;
            }
            outcome = emoney.availability(new AvailabilityRequest(card.digits(), passwordText()));
        }
        if (outcome instanceof Outcome.Success<Availability> success) {
            available = success.value().total();
            challenge = success.value().challenge();
            if (available == 0) {
                return fail(FlowFailure.of(FlowError.NOTHING_TO_CHARGE, "nothing waiting"));
            }
            return moveTo(State.AWAITING_CONFIRMATION);
        }
        if (outcome instanceof Outcome.Refused<Availability> refused) {
            ErrorCode code = refused.error().code();
            if (code == ErrorCode.PASSWORD_REQUIRED) {
                return moveTo(State.PASSWORD_NEEDED);
            }
            if (code == ErrorCode.PASSWORD_WRONG) {
                failure = FlowFailure.of(FlowError.PASSWORD_WRONG, code.name());
                wipePassword();
                return moveTo(State.PASSWORD_NEEDED);
            }
            return fail(FlowFailure.of(refusalError(code), code.name()));
        }
        return fail(FlowFailure.of(FlowError.SERVER_UNREACHABLE, ((Outcome.Unknown<Availability>) outcome).reason()));
    }

    private static boolean nothingWaiting(Outcome<Availability> outcome) {
        return outcome instanceof Outcome.Success<Availability> success && success.value().total() == 0;
    }

    /** A purchase for this card approved in the last {@link #NOTICE_RECENT} whose notice the credit company had not delivered. */
    private boolean purchaseNoticeOnItsWay() {
        String fingerprint = fingerprints.of(card);
        java.time.Instant since = java.time.Instant.now().minus(NOTICE_RECENT);
        java.util.Set<UUID> forThisCard = new java.util.HashSet<>();
        boolean pending = false;
        for (JournalEntry entry : journal.entries()) {
            if (entry.step() != Step.PURCHASE_STARTED && entry.step() != Step.PURCHASE_APPROVED) {
                continue;
            }
            StepRecord details = entry.details();
            if (details instanceof StepRecord.PurchaseStarted started && fingerprint.equals(started.emoneyFingerprint())) {
                forThisCard.add(entry.transaction());
            } else if (details instanceof StepRecord.PurchaseApproved approved && forThisCard.contains(entry.transaction())
                    && entry.at().isAfter(since)) {
                pending = "PENDING".equals(approved.notification());
            }
        }
        return pending;
    }

    /**
     * One amount change: prove, request, write, confirm. The proof and the write share one card session — the card
     * stays powered while the server answers — so the write needs no SELECT and no read of its own: the proved
     * sequence number says whether the change is still to be written (3 APDUs: SELECT, PROVE STATE, CREDIT). The read's
     * session, kept since {@link #readCard()} (or the purchase's), saves the SELECT: 2 APDUs. If that session broke —
     * the card left, another session reset it — its PROVE STATE fails before anything was asked of the server, and the
     * charge connects and SELECTs anew: PROVE STATE only reads, so nothing is lost or done twice.
     */
    private State chargeOnce() {
        moveTo(State.REQUESTING_CHANGE);
        UUID requestId = TimeOrderedIds.uuid();
        journal.append(transaction, new StepRecord.ChargeStarted(requestId, card.masked(), fingerprints.of(card)));
        CardSession session = null;
        PurseApplication purse = null;
        Outcome<AmountChangeResponse> outcome = null;
        try {
            Optional<KeptPurseSession.Kept> kept = keptPurse.take(reader);
            if (kept.isPresent() && kept.get().data().cardNumber().equals(card)) {
                session = kept.get().session();
                purse = new PurseApplication(session);
                lastProof = null;
                try {
                    outcome = requestChange(requestId, purse);
                } catch (CardStatusException | CardTransportException | MalformedResponseException broken) {
                    if (lastProof != null) {
                        throw broken; // the server was asked already: as before, no second try
                    }
                    log.info("the kept card session broke before PROVE STATE ({}); selecting the card anew", broken.getMessage());
                    closeQuietly(session);
                    session = null;
                }
            } else {
                kept.ifPresent(other -> other.session().close());
            }
            if (session == null) {
                session = reader.connect();
                purse = new PurseApplication(session);
                CardNumber there = purse.cardData(purse.select()).cardNumber();
                if (!there.equals(card)) {
                    closeQuietly(session);
                    journal.append(transaction, new StepRecord.ChargeFailed("CARD_NOT_SUPPORTED"));
                    return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, "another card is on the reader: " + there.masked()));
                }
                outcome = requestChange(requestId, purse);
            }
        } catch (CardStatusException | MalformedResponseException e) {
            closeQuietly(session);
            journal.append(transaction, new StepRecord.ChargeFailed("CARD_NOT_SUPPORTED"));
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            closeQuietly(session);
            journal.append(transaction, new StepRecord.ChargeFailed("CARD_TRANSPORT"));
            return fail(PurchaseFlow.transportFailure(e));
        }
        try (CardSession proved = session) {
            if (outcome instanceof Outcome.Refused<AmountChangeResponse> refused) {
                ErrorCode code = refused.error().code();
                journal.append(transaction, new StepRecord.ChargeFailed(code.name()));
                return fail(FlowFailure.of(refusalError(code), code.name()));
            }
            if (outcome instanceof Outcome.Unknown<AmountChangeResponse> unknown) {
                // The server may have issued a change; it re-sends the same one at the card's next tap.
                journal.append(transaction, new StepRecord.ChargeAwaitingCard(null, "amount change outcome unknown"));
                return fail(FlowFailure.of(FlowError.SERVER_UNREACHABLE, unknown.reason()));
            }
            AmountChangeResponse change = ((Outcome.Success<AmountChangeResponse>) outcome).value();
            journal.append(transaction, new StepRecord.ChargeIssued(change.chargeId(), change.amount(), change.sequence(),
                    change.mac(), card.masked(), fingerprints.of(card)));
            pending = change;
            moveTo(State.WRITING_CARD);
            return write(purse, change, lastProof.creditSequence(), lastProof.balance());
        }
    }

    private static void closeQuietly(CardSession session) {
        if (session != null) {
            session.close();
        }
    }

    /**
     * /v1/charges with the card's proof under the challenge in hand; if the server no longer takes
     * that challenge (it expired while the person decided, or another kiosk's charge voided it), once
     * more with a fresh one. The second try is a new request: the first one was refused, not stored.
     */
    private Outcome<AmountChangeResponse> requestChange(UUID requestId, PurseApplication purse)
            throws CardStatusException, CardTransportException {
        Outcome<AmountChangeResponse> outcome = null;
        UUID id = requestId;
        for (int attempt = 0; attempt < 2; attempt++) {
            CardState proven = provenState(purse, challenge);
            challenge = null; // used up either way
            lastProof = proven;
            if (proven == null) {
                return new Outcome.Unknown<>("no challenge from the e-money server");
            }
            outcome = emoney.requestAmountChange(new AmountChangeRequest(id, card.digits(), passwordText(), proven));
            if (!(outcome instanceof Outcome.Refused<AmountChangeResponse> refused && refused.error().code() == ErrorCode.CARD_PROOF_INVALID)) {
                return outcome;
            }
            id = TimeOrderedIds.uuid();
        }
        return outcome;
    }

    /** After the card came back: a session of its own, the card's sequence read, then {@link #write}. */
    private State writeAndConfirm(AmountChangeResponse change) {
        pending = change;
        moveTo(State.WRITING_CARD);
        try (CardSession session = reader.connect()) {
            PurseApplication purse = new PurseApplication(session);
            PurseData before = purse.cardData(purse.select());
            return write(purse, change, before.creditSequence(), before.balance());
        } catch (CardRemovedException e) {
            log.info("card left during the write of charge {}; waiting for it", change.chargeId());
            return moveTo(State.CARD_REMOVED_DURING_WRITE);
        } catch (CardStatusException | MalformedResponseException e) {
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            return moveTo(State.CARD_REMOVED_DURING_WRITE);
        }
    }

    /**
     * Writes {@code change} to the card in {@code purse}'s session, whose credit sequence number and balance are
     * {@code cardSequence} and {@code cardBalance}, then confirms it to the server.
     */
    private State write(PurseApplication purse, AmountChangeResponse change, int cardSequence, long cardBalance) {
        PurseReceipt receipt;
        try {
            if (cardSequence > change.sequence()) {
                // Applied by an earlier write whose answer was lost: the server settles it from the card's proof.
                return settleFromCard(change, provenState(purse), cardBalance);
            }
            journal.append(transaction, new StepRecord.ChargeWriting(change.chargeId()));
            receipt = purse.credit(new AmountChange(card, change.amount(), change.sequence(), change.chargeId(),
                    Bytes.fromHex(change.mac())));
        } catch (CardRemovedException e) {
            log.info("card left during the write of charge {}; waiting for it", change.chargeId());
            return moveTo(State.CARD_REMOVED_DURING_WRITE);
        } catch (CardStatusException e) {
            if (e.sw() == CardProtocol.SW_MAXIMUM_BALANCE_EXCEEDED) {
                journal.append(transaction, new StepRecord.ChargeAwaitingCard(change.chargeId(), "card full"));
                return fail(FlowFailure.of(FlowError.CARD_FULL, e.getMessage()));
            }
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (MalformedResponseException e) {
            return fail(FlowFailure.of(FlowError.CARD_NOT_SUPPORTED, e.getMessage()));
        } catch (CardTransportException e) {
            return moveTo(State.CARD_REMOVED_DURING_WRITE);
        }
        journal.append(transaction, StepRecord.ChargeApplied.byReceipt(change.chargeId(), receipt.balanceAfter(),
                receipt.nextSequence(), Bytes.hex(receipt.mac())));
        charged += change.amount();
        balanceAfter = receipt.balanceAfter();
        guard.chargedOnReader(reader, fingerprints.of(card));
        moveTo(State.CONFIRMING);
        completeOnServer(change.chargeId(), receipt);
        pending = null;
        return State.COMPLETED;
    }

    /** Tells the server; if it cannot be reached, Recovery tells it later — the card has the VALUE already. */
    private void completeOnServer(long chargeId, PurseReceipt receipt) {
        Outcome<ChargeStatus> outcome = emoney.complete(new CompletionRequest(TimeOrderedIds.uuid(), chargeId, receipt.balanceAfter(),
                receipt.nextSequence(), Bytes.hex(receipt.mac())));
        if (outcome instanceof Outcome.Success<ChargeStatus>) {
            journal.append(transaction, new StepRecord.ChargeCompleted(chargeId, null));
        } else {
            log.warn("charge {} applied on the card but not yet confirmed to the server; recovery will", chargeId);
        }
    }

    /** The card moved past the change's sequence number: it applied it. The server hears it from the card's state. */
    private State settleFromCard(AmountChangeResponse change, CardState proven, long balance) {
        Outcome<ChargeStatus> outcome = proven == null ? new Outcome.Unknown<>("no challenge from the e-money server")
                : emoney.status(new ChargeStatusRequest(TimeOrderedIds.uuid(), change.chargeId(), card.digits(), proven));
        journal.append(transaction, StepRecord.ChargeApplied.bySequence(change.chargeId(), balance));
        charged += change.amount();
        balanceAfter = balance;
        guard.chargedOnReader(reader, fingerprints.of(card));
        pending = null;
        if (outcome instanceof Outcome.Success<ChargeStatus> success && success.value().state() == ChargeStatus.State.COMPLETED) {
            journal.append(transaction, new StepRecord.ChargeCompleted(change.chargeId(), null));
        }
        return State.COMPLETED;
    }

    /**
     * Charges an earlier flow on this kiosk left open for this card — a write whose answer was
     * lost, a completion the server never heard — are settled now that the card is here, each from
     * the card's proof under a fresh challenge (rare: only after an interruption).
     */
    private void settleEarlierCharges(PurseApplication purse) throws CardStatusException, CardTransportException {
        String fingerprint = fingerprints.of(card);
        for (JournalEntry open : Recovery.openChargesFor(journal, fingerprint)) {
            long chargeId = ((StepRecord.ChargeIssued) open.details()).chargeId();
            CardState proven = provenState(purse);
            if (proven == null) {
                return;
            }
            Outcome<ChargeStatus> outcome = emoney.status(new ChargeStatusRequest(TimeOrderedIds.uuid(), chargeId, card.digits(), proven));
            if (outcome instanceof Outcome.Success<ChargeStatus> success) {
                if (success.value().state() == ChargeStatus.State.COMPLETED) {
                    journal.append(open.transaction(), new StepRecord.ChargeCompleted(chargeId, "card state at next tap"));
                } else if (success.value().state() == ChargeStatus.State.CANCELLED) {
                    journal.append(open.transaction(), new StepRecord.ChargeCancelled(chargeId, "card proof at next tap"));
                }
            }
        }
    }

    /** The card's proof under a fresh challenge (one round trip, one PROVE STATE); null when the server gave none. */
    private CardState provenState(PurseApplication purse) throws CardStatusException, CardTransportException {
        Outcome<CardChallenge> fresh = emoney.challenge(new ChallengeRequest(card.digits()));
        if (!(fresh instanceof Outcome.Success<CardChallenge> success)) {
            return null;
        }
        return prove(purse, success.value().challenge());
    }

    /** PROVE STATE in {@code purse}'s session under the challenge in hand (from the availability answer), or a fresh one. */
    private CardState provenState(PurseApplication purse, String inHand) throws CardStatusException, CardTransportException {
        if (inHand == null) {
            return provenState(purse);
        }
        return prove(purse, inHand);
    }

    /**
     * PROVE STATE: sequence number and balance as the card MACs them with the server's challenge.
     * The log is not read: the server decides on the proved sequence number alone.
     */
    private static CardState prove(PurseApplication purse, String challenge) throws CardStatusException, CardTransportException {
        PurseStateProof proof = purse.proveState(Bytes.fromHex(challenge));
        return new CardState(proof.data().creditSequence(), proof.data().balance(), List.of(), challenge, Bytes.hex(proof.mac()));
    }

    /** What is still waiting after this flow's charges. */
    private long remaining() {
        Outcome<Availability> outcome = emoney.availability(new AvailabilityRequest(card.digits(), passwordText()));
        if (outcome instanceof Outcome.Success<Availability> success) {
            challenge = success.value().challenge();
            return success.value().total();
        }
        return 0;
    }

    private State finish(State next) {
        if (next == State.COMPLETED) {
            wipePassword();
            return moveTo(State.COMPLETED);
        }
        return next;
    }

    private static FlowError refusalError(ErrorCode code) {
        return switch (code) {
            case NOTHING_TO_CHARGE -> FlowError.NOTHING_TO_CHARGE;
            case PASSWORD_WRONG -> FlowError.PASSWORD_WRONG;
            case PASSWORD_LOCKED -> FlowError.PASSWORD_LOCKED;
            case CARD_UNKNOWN -> FlowError.EMONEY_CARD_UNKNOWN;
            default -> FlowError.INTERNAL;
        };
    }

    private State fail(FlowFailure failure) {
        this.failure = failure;
        wipePassword();
        return moveTo(State.FAILED);
    }

    private State moveTo(State next) {
        state = next;
        if (next == State.COMPLETED || next == State.FAILED || next == State.KEPT_FOR_LATER) {
            keptPurse.release(); // the flow ends: the read's session, if still kept, is closed
        }
        listener.onState(next);
        return next;
    }

    private String passwordText() {
        return password == null ? null : new String(password);
    }

    private void wipePassword() {
        if (password != null) {
            Arrays.fill(password, '\0');
            password = null;
        }
    }

    public State state() {
        return state;
    }

    public FlowFailure failure() {
        return failure;
    }

    /** "Amount available for charging-up" (FIG. 10B). */
    public long available() {
        return available;
    }

    /** "Charged up with" (FIG. 10C). */
    public long charged() {
        return charged;
    }

    /** The card's balance when it was read, before this charge-up (FIG. 10B shows it beside the balance after). */
    public long balanceBefore() {
        return balanceBefore;
    }

    /** The most the card may hold, as it said when read. */
    public long maximumBalance() {
        return maximumBalance;
    }

    /** "The balance after charging-up" (FIG. 10C). */
    public long balanceAfter() {
        return balanceAfter;
    }

    public String maskedCard() {
        return card == null ? null : card.masked();
    }

    public UUID transaction() {
        return transaction;
    }
}
