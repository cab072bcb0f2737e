package com.valuekiosk.kiosk;

import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.flow.BalanceInquiryFlow;
import com.valuekiosk.kiosk.flow.CardFingerprints;
import com.valuekiosk.kiosk.flow.ChargeUpFlow;
import com.valuekiosk.kiosk.flow.FlowListener;
import com.valuekiosk.kiosk.flow.KioskSettings;
import com.valuekiosk.kiosk.flow.LingeringCardGuard;
import com.valuekiosk.kiosk.flow.PurchaseFlow;
import com.valuekiosk.kiosk.flow.Recovery;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.reader.CardReader;
import com.valuekiosk.kiosk.reader.PinEntry;
import java.util.Objects;
import java.util.Optional;

/**
 * The kiosk without its face: readers, server clients, journal and the flows built on them. The
 * touch UI, a command line and the tests drive the same engine through this class. On creation it
 * runs {@link Recovery} so that whatever the last run left unfinished is settled first.
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
    private final Recovery.Report recovered;

    public KioskEngine(CardReader creditReader, CardReader contactlessReader, CreditCompanyClient creditCompany,
                       EmoneyClient emoney, Journal journal, KioskSettings settings, CardFingerprints fingerprints) {
        this.creditReader = creditReader;
        this.contactlessReader = Objects.requireNonNull(contactlessReader, "contactlessReader");
        this.creditCompany = creditCompany;
        this.emoney = Objects.requireNonNull(emoney, "emoney");
        this.journal = Objects.requireNonNull(journal, "journal");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.fingerprints = Objects.requireNonNull(fingerprints, "fingerprints");
        guard.watch(contactlessReader);
        this.recovered = recovery().run();
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
        return new PurchaseFlow(reader, contactlessReader, pinEntry, creditCompany, journal, settings, fingerprints, listener);
    }

    public ChargeUpFlow chargeUp(FlowListener<ChargeUpFlow.State> listener) {
        return new ChargeUpFlow(contactlessReader, emoney, journal, fingerprints, guard, listener);
    }

    public BalanceInquiryFlow balanceInquiry(FlowListener<BalanceInquiryFlow.State> listener) {
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

    /** Settles unfinished transactions again (for example once a server is back). */
    public Recovery.Report recoverNow() {
        return recovery().run();
    }

    /** What recovery did when the engine started. */
    public Recovery.Report recoveredOnStart() {
        return recovered;
    }

    private Recovery recovery() {
        return new Recovery(journal, creditCompany, emoney);
    }

    public Journal journal() {
        return journal;
    }

    @Override
    public void close() {
        journal.close();
    }
}
