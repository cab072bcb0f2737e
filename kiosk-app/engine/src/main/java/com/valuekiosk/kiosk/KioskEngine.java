package com.valuekiosk.kiosk;

import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.Sleeper;
import com.valuekiosk.kiosk.flow.BackgroundRecovery;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.CardFingerprints;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.KeptPurseSession;
import com.valuekiosk.kiosk.flow.KioskSettings;
import com.valuekiosk.kiosk.flow.LingeringCardGuard;
import com.valuekiosk.kiosk.flow.LiveTransactions;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.flow.Recovery;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.PinEntry;
import java.time.Clock;
import java.time.Duration;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The kiosk without its face: readers, server clients, journal and the flows built on them. The
 * touch UI, a command line and the tests drive the same engine through this class.
 *
 * <p><b>Recovery</b> runs in the background ({@link BackgroundRecovery}): at once on creation — the
 * constructor does not wait for it, so the window shows while a slow server is asked what became of
 * an interrupted purchase —, every {@code recoveryInterval} after, and right after a flow ends with
 * its transaction still open (the server's answer was lost). A transaction a flow still owns is not
 * touched ({@link LiveTransactions}). {@link #close()} waits for a run in progress, then closes the journal.
 *
 * <p>Readers: {@code creditReader} is the contact reader (FIG. 3); {@code contactlessReader} takes
 * e-money cards, phones, contactless credit cards (FIG. 14A) and combo cards (FIG. 14B). A home
 * terminal (R-KI6) has only the contactless reader and no credit company client: pass null for both.
 */
public final class KioskEngine implements AutoCloseable {

    private final CardReader creditReader;
    private final CardReader contactlessReader;
    private final CreditCompanyClient creditCompany;
    private final EmoneyClient emoney;
    private final Journal journal;
    private final KioskSettings settings;
    private final CardFingerprints fingerprints;
    private final LingeringCardGuard guard = new LingeringCardGuard();
    /** The e-money card's session a purchase leaves for its charge-up (issue "speed"). */
    private final KeptPurseSession keptPurse = KeptPurseSession.create();
    private final LiveTransactions live;
    private final BackgroundRecovery recovery;

    private static final Set<PurchaseFlow.State> PURCHASE_ENDS = EnumSet.of(PurchaseFlow.State.APPROVED, PurchaseFlow.State.FAILED);
    private static final Set<ChargeUpFlow.State> CHARGE_ENDS =
            EnumSet.of(ChargeUpFlow.State.COMPLETED, ChargeUpFlow.State.FAILED, ChargeUpFlow.State.KEPT_FOR_LATER);

    public KioskEngine(CardReader creditReader, CardReader contactlessReader, CreditCompanyClient creditCompany,
                       EmoneyClient emoney, Journal journal, KioskSettings settings, CardFingerprints fingerprints) {
        this(creditReader, contactlessReader, creditCompany, emoney, journal, settings, fingerprints,
                BackgroundRecovery.DEFAULT_INTERVAL);
    }

    public KioskEngine(CardReader creditReader, CardReader contactlessReader, CreditCompanyClient creditCompany,
                       EmoneyClient emoney, Journal journal, KioskSettings settings, CardFingerprints fingerprints,
                       Duration recoveryInterval) {
        this.creditReader = creditReader;
        this.contactlessReader = Objects.requireNonNull(contactlessReader, "contactlessReader");
        this.creditCompany = creditCompany;
        this.emoney = Objects.requireNonNull(emoney, "emoney");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        guard.watch(contactlessReader);
        keptPurse.watch(contactlessReader);
        this.live = new LiveTransactions(Clock.systemUTC(), LiveTransactions.DEFAULT_LEASE);
        Recovery settling = new Recovery(journal, creditCompany, emoney, live::isLive);
        this.recovery = new BackgroundRecovery(settling::run, BackgroundRecovery.newExecutor(),
                BackgroundRecovery.DEFAULT_CLOSE_TIMEOUT);
        recovery.start(recoveryInterval);
    }

    /** True for a home terminal (R-KI6): charge-up and balance only. */
    public boolean isHomeTerminal() {
        return creditCompany == null;
    }

    /**
     * A VALUE purchase. {@code creditOnContactless}: the credit card is tapped on the contactless
     * reader (FIG. 14A) instead of inserted in the contact reader.
     */
    public PurchaseFlow purchase(boolean creditOnContactless, PinEntry pinEntry, FlowListener<PurchaseFlow.State> listener) {
        if (isHomeTerminal()) {
            throw new IllegalStateException("a home terminal sells no VALUE");
        }
        CardReader reader = creditOnContactless || creditReader == null ? contactlessReader : creditReader;
        keptPurse.release(); // a new visit: a session the last one left is closed
        FlowJournal own = new FlowJournal(journal, live);
        return new PurchaseFlow(reader, contactlessReader, pinEntry, creditCompany, own, settings, fingerprints,
                endingIn(PURCHASE_ENDS, own, listener), keptPurse);
    }

    /**
     * A charge-up. After a purchase whose e-money card stayed in the field it goes on in the purchase's card session
     * (the purse still selected): no new SELECT ({@link KeptPurseSession}).
     */
    public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
        FlowJournal own = new FlowJournal(journal, live);
        return new ChargeUpFlow(contactlessReader, emoney, own, fingerprints, guard, endingIn(CHARGE_ENDS, own, listener),
                Sleeper.system(), keptPurse);
    }

    /** Closes a card session a flow left open for the next one (the visit ended: the idle timeout). */
    public void endVisit() {
        keptPurse.release();
    }

    /** When the flow ends, its transactions go back to recovery, which runs at once if one was left open. */
    private <S> FlowListener<S> endingIn(Set<S> ends, FlowJournal own, FlowListener<S> listener) {
        Objects.requireNonNull(listener, "listener");
        return state -> {
            if (ends.contains(state) && own.release()) {
                recovery.trigger();
            }
            listener.onState(state);
        };
    }

    public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
        keptPurse.release(); // the inquiry connects itself
        return new BalanceInquiryFlow(contactlessReader, listener);
    }

    /**
     * The contact reader (FIG. 3), empty on a home terminal. For screens that show whether a card is in
     * it (listen with {@link CardReader#addListener}); the flows use it themselves.
     */
    public Optional<CardReader> contactReader() {
        return Optional.ofNullable(creditReader);
    }

    /** The contactless reader (e-money cards, phones, FIG. 14A's credit card, FIG. 14B's combo card). */
    public CardReader contactlessReader() {
        return contactlessReader;
    }

    /**
     * Settles unfinished transactions now, on the caller's thread (for example once a server is back),
     * after a background run in progress.
     */
    public Recovery.Report recoverNow() {
        return recovery.runNow();
    }

    /**
     * What the first recovery run did; waits until it has finished (a self-check asks, the window does
     * not wait for it).
     */
    public Recovery.Report recoveredOnStart() {
        return recovery.firstRun();
    }

    /** Background recovery, to be told what each run did (a status screen, tests). */
    public BackgroundRecovery recovery() {
        return recovery;
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        recovery.close();
        journal.close();
    }
}
