package com.valuekiosk.kiosk.diagnostics.card;

import com.valuekiosk.card.host.Aids;
import com.valuekiosk.card.host.AppletInfo;
import com.valuekiosk.card.host.CardStatusException;
import com.valuekiosk.card.host.CardTransport;
import com.valuekiosk.card.host.CardTransportException;
import com.valuekiosk.card.host.CreditCardApplication;
import com.valuekiosk.card.host.CreditCardData;
import com.valuekiosk.card.host.PurseApplication;
import com.valuekiosk.card.host.PurseData;
import com.valuekiosk.card.host.PurseLogEntry;
import com.valuekiosk.kiosk.diagnostics.Finding;
import com.valuekiosk.kiosk.diagnostics.Outcome;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;

/**
 * Which of our applets a card carries and how they stand, read-only (all through {@link ReadOnlyCard}): SELECT each
 * AID of {@link Aids}; the credit card's version, life cycle, masked number, expiry, transaction counter and PIN tries
 * left (from GET DATA — the PIN is never verified); the purse's version, life cycle, masked number, balance and
 * maximum, sequence numbers and its log.
 */
public final class AppletsCheck {

    /** How many log records are read at most. */
    public static final int MAX_LOG_RECORDS = 20;

    private AppletsCheck() {
    }

    public static Outcome run(CardTransport session) throws CardTransportException {
        CardTransport card = new ReadOnlyCard(session);
        List<Finding> findings = new ArrayList<>();
        List<String> found = new ArrayList<>();
        Verdict verdict = Verdict.PASS;

        CreditCardApplication credit = new CreditCardApplication(card);
        AppletInfo creditInfo = select(findings, "credit card applet", Aids.CREDIT_CARD, credit::select);
        if (creditInfo != null) {
            found.add("credit card v" + creditInfo.version());
            verdict = verdict.and(lifeCycle(findings, "credit card", creditInfo));
            try {
                CreditCardData data = credit.readCardData();
                findings.add(Finding.info("credit card number", data.cardNumber().masked()));
                findings.add(Finding.info("credit card expiry", data.expiry().toString()));
                findings.add(Finding.info("credit card transaction counter (ATC)", String.valueOf(data.atc())));
                Verdict pin = data.pinTriesRemaining() == 0 ? Verdict.FAIL : data.pinTriesRemaining() == 1 ? Verdict.WARN
                        : Verdict.PASS;
                findings.add(Finding.of("credit card PIN tries left", data.pinTriesRemaining() == 0 ? "0 (PIN blocked)"
                        : String.valueOf(data.pinTriesRemaining()), pin));
                verdict = verdict.and(pin);
            } catch (CardStatusException e) {
                findings.add(Finding.of("credit card data", statusText(e), Verdict.WARN));
                verdict = verdict.and(Verdict.WARN);
            }
        }

        PurseApplication purse = new PurseApplication(card);
        AppletInfo purseInfo = select(findings, "purse applet", Aids.PURSE, purse::select);
        if (purseInfo != null) {
            found.add("purse v" + purseInfo.version());
            verdict = verdict.and(lifeCycle(findings, "purse", purseInfo));
            try {
                PurseData data = purse.readCardData();
                findings.add(Finding.info("purse card number", data.cardNumber().masked()));
                findings.add(Finding.info("purse balance", money(data.balance(), data.currency())
                        + " of at most " + money(data.maximumBalance(), data.currency())));
                findings.add(Finding.info("purse sequence numbers", "next credit " + data.creditSequence()
                        + ", next debit " + data.debitSequence()));
                findings.add(Finding.info("purse log", data.logCount() + " record(s)"));
                int records = Math.min(data.logCount(), MAX_LOG_RECORDS);
                for (int number = 1; number <= records; number++) {
                    PurseLogEntry entry = purse.readLogRecord(number);
                    findings.add(Finding.info("purse log " + number, entry.type() + " #" + entry.sequence() + " "
                            + money(entry.amount(), data.currency()) + ", balance after "
                            + money(entry.balanceAfter(), data.currency()) + ", " + reference(entry)));
                }
            } catch (CardStatusException e) {
                findings.add(Finding.of("purse data", statusText(e), Verdict.WARN));
                verdict = verdict.and(Verdict.WARN);
            }
        }

        if (found.isEmpty()) {
            return Outcome.of(Verdict.FAIL, "none of our applets is on this card", findings);
        }
        return Outcome.of(verdict, String.join(", ", found), findings);
    }

    @FunctionalInterface
    private interface Select {
        AppletInfo select() throws CardTransportException, CardStatusException;
    }

    private static AppletInfo select(List<Finding> findings, String name, String aid, Select select)
            throws CardTransportException {
        try {
            AppletInfo info = select.select();
            findings.add(Finding.info(name, "AID " + aid + ", version " + info.version()));
            return info;
        } catch (CardStatusException e) {
            findings.add(Finding.info(name, "not on this card (AID " + aid + ": " + statusText(e) + ")"));
            return null;
        } catch (RuntimeException e) {
            // An answer that is not ours (MalformedResponseException): some other applet under this AID.
            findings.add(Finding.of(name, "AID " + aid + " answered, but not as our applet: " + e.getMessage(),
                    Verdict.WARN));
            return null;
        }
    }

    private static Verdict lifeCycle(List<Finding> findings, String name, AppletInfo info) {
        Verdict verdict = info.operational() ? Verdict.PASS : Verdict.WARN;
        findings.add(Finding.of(name + " life cycle", info.operational() ? "operational"
                : "personalisation (not yet usable)", verdict));
        return verdict;
    }

    /** A CREDIT names the server's transaction, a DEBIT the terminal that made it. */
    static String reference(PurseLogEntry entry) {
        return entry.type() == PurseLogEntry.Type.CREDIT ? "server transaction " + entry.transactionId()
                : "terminal " + entry.terminal();
    }

    private static String statusText(CardStatusException e) {
        return String.format("%04X %s", e.sw(), StatusWordText.describe(e.sw()));
    }

    static String money(long minorUnits, Currency currency) {
        int digits = Math.max(0, currency.getDefaultFractionDigits());
        return BigDecimal.valueOf(minorUnits, digits).toPlainString() + " " + currency.getCurrencyCode();
    }
}
