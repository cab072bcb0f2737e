package com.valuekiosk.kiosk.flow;

import com.valuekiosk.kiosk.client.CreditCompanyClient;
import com.valuekiosk.kiosk.client.EmoneyClient;
import com.valuekiosk.kiosk.client.Outcome;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.journal.JournalEntry;
import com.valuekiosk.kiosk.journal.Step;
import com.valuekiosk.kiosk.journal.StepRecord;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.TimeOrderedIds;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finishes what a crash, a power cut or a lost answer interrupted (R-KI5), from the journal and the
 * servers' answers — never by guessing:
 * <ul>
 *   <li>a purchase journaled as authorised may have been billed: the credit company server is
 *       asked what became of its request id (and closes the id if it never arrived);</li>
 *   <li>a purchase journaled only as started never left the kiosk: it failed, nothing billed;</li>
 *   <li>a charge the card applied (its receipt is journaled) is confirmed to the e-money server;</li>
 *   <li>a charge whose write may or may not have reached the card waits for the card's next tap,
 *       when the card's sequence number settles it ({@link ChargeUpFlow#readCard()}).</li>
 * </ul>
 * Safe to run again: each step is idempotent on the servers and journaled here. A transaction a flow
 * of this process still owns ({@code inFlight}, see {@link LiveTransactions}) is left to that flow:
 * its last entry says what the flow is doing, not what was interrupted.
 */
public final class Recovery {

    private static final Logger log = LoggerFactory.getLogger(Recovery.class);

    private final Journal journal;
    private final CreditCompanyClient creditCompany;
    private final EmoneyClient emoney;
    private final Predicate<UUID> inFlight;

    /** Recovery at start-up, when no flow runs yet. */
    public Recovery(Journal journal, CreditCompanyClient creditCompany, EmoneyClient emoney) {
        this(journal, creditCompany, emoney, transaction -> false);
    }

    public Recovery(Journal journal, CreditCompanyClient creditCompany, EmoneyClient emoney, Predicate<UUID> inFlight) {
        this.journal = journal;
        this.creditCompany = creditCompany;
        this.emoney = emoney;
        this.inFlight = inFlight;
    }

    /**
     * What a run did, per transaction step it ended on; {@code inFlight}: open transactions left
     * alone because a flow of this process still owns them.
     */
    public record Report(int settled, int leftOpen, int awaitingCard, int inFlight) {
    }

    public Report run() {
        int settled = 0;
        int leftOpen = 0;
        int awaitingCard = 0;
        int owned = 0;
        for (JournalEntry last : journal.unfinished()) {
            if (Thread.currentThread().isInterrupted()) {
                break; // the kiosk is shutting down; what is left stays open for the next start
            }
            if (inFlight.test(last.transaction())) {
                owned++;
                continue;
            }
            Step result = switch (last.step()) {
                case PURCHASE_STARTED -> record(last.transaction(), new StepRecord.PurchaseFailed("interrupted before sending"));
                case PURCHASE_AUTHORIZED -> creditCompany == null ? null : purchaseOutcome(last);
                case CHARGE_APPLIED -> confirmCharge(last);
                case CHARGE_STARTED, CHARGE_ISSUED, CHARGE_WRITING ->
                        record(last.transaction(), new StepRecord.ChargeAwaitingCard(null, "interrupted; settled at the card's next tap"));
                default -> null;
            };
            if (result == null) {
                leftOpen++;
            } else if (result == Step.CHARGE_AWAITING_CARD) {
                awaitingCard++;
            } else {
                settled++;
            }
        }
        Report report = new Report(settled, leftOpen, awaitingCard, owned);
        if (settled + leftOpen + awaitingCard > 0) {
            log.info("recovery: {}", report);
        }
        return report;
    }

    private Step purchaseOutcome(JournalEntry authorized) {
        UUID requestId = ((StepRecord.PurchaseAuthorized) authorized.details()).requestId();
        Outcome<ValuePurchaseResponse> outcome = creditCompany.purchaseOutcome(requestId);
        if (outcome instanceof Outcome.Success<ValuePurchaseResponse> success) {
            return record(authorized.transaction(), new StepRecord.PurchaseApproved(success.value().purchaseId(),
                    success.value().amount(), null, "recovery"));
        }
        if (outcome instanceof Outcome.Refused<ValuePurchaseResponse> refused) {
            ErrorCode code = refused.error().code();
            return record(authorized.transaction(), code == ErrorCode.PURCHASE_NOT_MADE
                    ? new StepRecord.PurchaseNotMade(code.name(), "recovery") : new StepRecord.PurchaseDeclined(code.name(), "recovery"));
        }
        return null;
    }

    private Step confirmCharge(JournalEntry applied) {
        StepRecord.ChargeApplied card = (StepRecord.ChargeApplied) applied.details();
        if (!card.hasReceipt()) {
            // Applied per the card's sequence number; the server settles it from the card's state.
            return record(applied.transaction(), new StepRecord.ChargeAwaitingCard(card.chargeId(),
                    "server to settle from the card's state"));
        }
        Outcome<ChargeStatus> outcome = emoney.complete(new CompletionRequest(TimeOrderedIds.uuid(), card.chargeId(),
                card.balanceAfter(), card.nextSequence(), card.receiptMac()));
        if (outcome instanceof Outcome.Success<ChargeStatus>) {
            return record(applied.transaction(), new StepRecord.ChargeCompleted(card.chargeId(), "recovery"));
        }
        return null;
    }

    private Step record(UUID transaction, StepRecord record) {
        journal.append(transaction, record);
        return record.step();
    }

    /**
     * Charges issued to the card with {@code fingerprint} that this kiosk never saw completed:
     * the entries that issued them (they carry the charge id).
     */
    static List<JournalEntry> openChargesFor(Journal journal, String fingerprint) {
        List<JournalEntry> issued = new ArrayList<>();
        Set<Long> closed = new HashSet<>();
        for (JournalEntry entry : journal.entries()) {
            StepRecord details = entry.details();
            if (details instanceof StepRecord.ChargeIssued charge && fingerprint.equals(charge.fingerprint())) {
                issued.add(entry);
            } else if (details instanceof StepRecord.ChargeCompleted completed) {
                closed.add(completed.chargeId());
            } else if (details instanceof StepRecord.ChargeCancelled cancelled) {
                closed.add(cancelled.chargeId());
            }
        }
        return issued.stream().filter(entry -> !closed.contains(((StepRecord.ChargeIssued) entry.details()).chargeId())).toList();
    }
}
