package com.valuekiosk.server.credit.internal;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurchaseAuthorization;
import com.valuekiosk.card.host.PurchaseRequest;
import com.valuekiosk.card.host.TerminalId;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.credit.CardAccounts;
import com.valuekiosk.server.credit.CardAccounts.AccountType;
import com.valuekiosk.server.credit.EmoneyNotifier;
import com.valuekiosk.server.db.AnswerFormat;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.Idempotency;
import com.valuekiosk.server.db.WriteBatch;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.PreparationNotice;
import com.valuekiosk.wire.PurchaseOutcomeRequest;
import com.valuekiosk.wire.TimeOrderedIds;
import com.valuekiosk.wire.ValuePurchaseRequest;
import com.valuekiosk.wire.ValuePurchaseResponse;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Currency;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A VALUE purchase (FIG. 7, credit company side): identify the card, check its cryptogram and
 * ATC, check and use the quota, bill, and write the notice for the e-money server — all in one
 * transaction, under the request id, so that a repeated request bills once and gets the same
 * answer. The purchase's transaction also claims the notice for its first attempt, which starts
 * right after the commit on the notifier's delivery threads ({@link EmoneyNotifier#deliverFresh}):
 * the kiosk's answer does not wait for the e-money server, and says {@code PENDING} unless that
 * attempt has already got through. The outbox keeps trying until it does.
 *
 * <p>The {@code notification} of an approval always tells the notice's state at the time of the
 * answer: the stored answer says PENDING, and a repeat of the request after the notice got
 * through says DELIVERED. Every other field of a repeat is the stored answer, unchanged.
 *
 * <p>Checks, in order; each failure is a {@link Outcome.Declined} stored under the request id,
 * committed together with what was written before it:
 * <ol>
 *   <li>the card is registered ({@code CARD_UNKNOWN}), active and not expired ({@code CARD_NOT_ACTIVE});</li>
 *   <li>the currency is this server's ({@code CURRENCY_NOT_SUPPORTED});</li>
 *   <li>the cryptogram was made by this card for exactly this amount, currency, e-money card and
 *       the calling terminal ({@code CRYPTOGRAM_INVALID}) — a forged cryptogram does not use up
 *       the ATC, so that nobody but the card can burn its ATCs;</li>
 *   <li>the ATC was never used ({@code ATC_REPLAYED}); from here on the ATC stays used whatever
 *       follows: a cryptogram is single-use;</li>
 *   <li>the quota ({@code QUOTA_EXCEEDED}) or, for a bank account, its balance
 *       ({@code INSUFFICIENT_FUNDS}), checked and used by one conditional UPDATE, so that
 *       concurrent purchases on one card cannot together exceed it.</li>
 * </ol>
 * A currency that is no ISO 4217 code at all is {@link Refused}: nothing is stored.
 */
public final class PurchaseService {

    private static final Logger log = LoggerFactory.getLogger(PurchaseService.class);

    private final Idempotency idempotency;
    private final IssuerMasterKeys issuer;
    private final Currency currency;
    private final EmoneyNotifier notifier;
    private final Clock clock;

    public PurchaseService(Database database, AnswerFormat answers, IssuerMasterKeys issuer, Currency currency,
                           EmoneyNotifier notifier, Clock clock) {
        this.idempotency = new Idempotency(database, clock, answers);
        this.issuer = issuer;
        this.currency = currency;
        this.notifier = notifier;
        this.clock = clock;
    }

    /** A purchase from a terminal; the terminal id is the certificate's, never the request's. */
    public Outcome<ValuePurchaseResponse> purchase(ValuePurchaseRequest request, PeerIdentity terminal) {
        // The notice written by the attempt that committed: a retried transaction writes it again.
        String[] notice = new String[1];
        Idempotency.Answered<ValuePurchaseResponse> answered = idempotency.once(request.requestId(), ApiPaths.PURCHASES,
                terminal, request, ValuePurchaseResponse.class, (connection, tail) -> bill(connection, tail, request, terminal, notice));
        // Logged after the commit, from what was committed: a transaction retried (or beaten by a
        // copy of the same request) logs nothing false.
        logDecision(request, terminal, answered);
        if (answered.replayed()) {
            return withCurrentNotification(answered.outcome());
        }
        return answered.outcome().map(approved -> delivered(notifier.deliverFresh(approved.purchaseId(), notice[0]))
                ? withNotification(approved, ValuePurchaseResponse.Notification.DELIVERED) : approved);
    }

    /**
     * True when the notice's first attempt has already delivered it: with the server's delivery
     * threads it is still on its way when the purchase answers (PENDING); run in the calling thread
     * (tests) it is done.
     */
    private static boolean delivered(CompletableFuture<Boolean> attempt) {
        return attempt.isDone() && attempt.getNow(false);
    }

    private static ValuePurchaseResponse withNotification(ValuePurchaseResponse approved,
                                                          ValuePurchaseResponse.Notification notification) {
        return new ValuePurchaseResponse(approved.purchaseId(), approved.requestId(), approved.amount(),
                approved.currency(), approved.maskedCardNumber(), approved.maskedEmoneyCardNumber(),
                approved.terminalId(), approved.billedAt(), notification);
    }

    /**
     * A kiosk lost the answer to a purchase (timeout, crash): the stored decision if the request
     * arrived, else PURCHASE_NOT_MADE — and the request id is closed, so a copy of the request still
     * on its way can no longer bill. Either answer is final; the kiosk settles its journal with it.
     */
    public Outcome<ValuePurchaseResponse> outcome(PurchaseOutcomeRequest request, PeerIdentity terminal) {
        Outcome<ValuePurchaseResponse> outcome = idempotency.outcomeOrClose(request.requestId(), ApiPaths.PURCHASES, terminal,
                Outcome.declined(ErrorCode.PURCHASE_NOT_MADE, "no purchase was made under this request id; it is now closed"),
                ValuePurchaseResponse.class);
        log.info("purchase outcome for request {} asked by {}: {}", request.requestId(), terminal.name(), describe(outcome));
        return withCurrentNotification(outcome);
    }

    /**
     * An approval's {@code notification} says where the notice stands now, not when the approval
     * was stored: the notice is delivered here if it is due (after the commit, so it is in the
     * outbox whatever happens), and DELIVERED is reported once it is through.
     */
    private Outcome<ValuePurchaseResponse> withCurrentNotification(Outcome<ValuePurchaseResponse> outcome) {
        return outcome.map(approved -> approved.notification() == ValuePurchaseResponse.Notification.DELIVERED
                || !deliveredNow(approved.purchaseId()) ? approved
                : withNotification(approved, ValuePurchaseResponse.Notification.DELIVERED));
    }

    /** The purchase stands whatever happens here: a failure only means the outbox delivers it later. */
    private boolean deliveredNow(UUID purchaseId) {
        try {
            return notifier.deliverNow(purchaseId);
        } catch (RuntimeException e) {
            log.warn("purchase {}: immediate notice delivery failed; the outbox will retry", purchaseId, e);
            return false;
        }
    }

    private static String describe(Outcome<?> outcome) {
        return outcome instanceof Outcome.Declined<?> declined ? "DECLINED " + declined.code() : "APPROVED";
    }

    private static void logDecision(ValuePurchaseRequest request, PeerIdentity terminal,
                                    Idempotency.Answered<ValuePurchaseResponse> answered) {
        CardNumber card = CardNumber.of(request.cardNumber());
        if (answered.replayed()) {
            log.info("purchase request {} repeated by {}: stored answer {} sent again", request.requestId(),
                    terminal.name(), describe(answered.outcome()));
        } else if (answered.outcome() instanceof Outcome.Done<ValuePurchaseResponse> approved) {
            boolean mapped = ValuePurchaseRequest.MAPPED_EMONEY_CARD.equals(request.emoneyCardNumber());
            log.info("purchase {} APPROVED: {} {} on {} for e-money card {} at {}, ATC {}", approved.value().purchaseId(),
                    request.amount(), request.currency(), card,
                    mapped ? "mapped to the credit card" : CardNumber.of(request.emoneyCardNumber()),
                    terminal.name(), request.atc());
        } else if (answered.outcome() instanceof Outcome.Declined<ValuePurchaseResponse> declined) {
            log.info("purchase request {} DECLINED {}: {} {} on {} at {}, ATC {}", request.requestId(), declined.code(),
                    request.amount(), request.currency(), card, terminal.name(), request.atc());
        }
    }

    /**
     * Decides the purchase; an approval's notice payload goes to {@code notice[0]}. The billing
     * record and the notice are written with the stored answer ({@code tail}).
     */
    private Outcome<ValuePurchaseResponse> bill(Connection connection, WriteBatch tail, ValuePurchaseRequest request,
                                                PeerIdentity terminal, String[] notice) throws SQLException {
        CardNumber card = CardNumber.of(request.cardNumber());
        Currency requested = currencyOf(request.currency());
        Account account = account(connection, request.cardNumber());
        Instant now = clock.instant().truncatedTo(ChronoUnit.MICROS);
        if (account == null) {
            return Outcome.declined(ErrorCode.CARD_UNKNOWN, "this card is not registered");
        }
        if (account.status() != CardAccounts.Status.ACTIVE) {
            return Outcome.declined(ErrorCode.CARD_NOT_ACTIVE, "this card is blocked");
        }
        if (YearMonth.from(now.atZone(ZoneOffset.UTC)).isAfter(account.expiry())) {
            return Outcome.declined(ErrorCode.CARD_NOT_ACTIVE, "this card has expired");
        }
        if (!requested.equals(currency)) {
            return Outcome.declined(ErrorCode.CURRENCY_NOT_SUPPORTED, "purchases are in " + currency.getCurrencyCode() + " only");
        }
        PurchaseRequest signed = new PurchaseRequest(request.amount(), requested,
                CardNumber.of(request.emoneyCardNumber()), new TerminalId(terminal.name()));
        PurchaseAuthorization authorization = new PurchaseAuthorization(request.atc(), Bytes.fromHex(request.cryptogram()));
        if (!authorization.isAuthentic(issuer.cardKey(KeyUsage.PURCHASE_CRYPTOGRAM, card), card, signed)) {
            return Outcome.declined(ErrorCode.CRYPTOGRAM_INVALID, "the card's cryptogram does not match this purchase and terminal");
        }
        if (!useAtc(connection, request.cardNumber(), request.atc(), now)) {
            return Outcome.declined(ErrorCode.ATC_REPLAYED, "this cryptogram was already used");
        }
        if (account.type() == AccountType.CREDIT) {
            if (!debit(connection, "UPDATE card_accounts SET credit_used = credit_used + ?"
                    + " WHERE card_number = ? AND account_type = 'CREDIT' AND credit_used + ? <= credit_limit", request)) {
                return Outcome.declined(ErrorCode.QUOTA_EXCEEDED, "the card's credit limit does not allow this amount");
            }
        } else if (!debit(connection, "UPDATE card_accounts SET bank_balance = bank_balance - ?"
                + " WHERE card_number = ? AND account_type = 'BANK' AND bank_balance - ? >= 0", request)) {
            return Outcome.declined(ErrorCode.INSUFFICIENT_FUNDS, "the bank account's balance does not cover this amount");
        }
        UUID purchaseId = TimeOrderedIds.uuid();
        boolean mapped = ValuePurchaseRequest.MAPPED_EMONEY_CARD.equals(request.emoneyCardNumber());
        insertBillingRecord(tail, purchaseId, request, terminal, now);
        notice[0] = NotificationOutbox.enqueueClaimed(tail, purchaseId, new PreparationNotice(purchaseId,
                mapped ? null : request.emoneyCardNumber(), mapped ? request.cardNumber() : null,
                request.amount(), request.currency(), PreparationNotice.Source.PURCHASE), EmoneyNotifier.firstAttemptLease(now));
        return Outcome.done(new ValuePurchaseResponse(purchaseId, request.requestId(), request.amount(), request.currency(),
                card.masked(), CardNumber.of(request.emoneyCardNumber()).masked(), terminal.name(), now,
                ValuePurchaseResponse.Notification.PENDING));
    }

    private static Currency currencyOf(String code) {
        try {
            return Currency.getInstance(code);
        } catch (IllegalArgumentException e) {
            throw new Refused(ErrorCode.CURRENCY_NOT_SUPPORTED, "currency " + code + " is not an ISO 4217 currency");
        }
    }

    private record Account(AccountType type, CardAccounts.Status status, YearMonth expiry) {
    }

    /** The card's account, or null when the card is not registered. */
    private static Account account(Connection connection, String cardNumber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT account_type, status, expiry FROM card_accounts WHERE card_number = ?")) {
            select.setString(1, cardNumber);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                YearMonth expiry;
                try {
                    expiry = YearMonth.parse(row.getString(3).trim());
                } catch (DateTimeParseException e) {
                    throw new IllegalStateException("card_accounts.expiry is not YYYY-MM", e);
                }
                return new Account(AccountType.valueOf(row.getString(1)), CardAccounts.Status.valueOf(row.getString(2)), expiry);
            }
        }
    }

    /** False when the ATC was used before. */
    private static boolean useAtc(Connection connection, String cardNumber, int atc, Instant now) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO used_atcs (card_number, atc, used_at) VALUES (?, ?, ?) ON CONFLICT DO NOTHING")) {
            insert.setString(1, cardNumber);
            insert.setInt(2, atc);
            insert.setObject(3, Database.utc(now));
            return insert.executeUpdate() == 1;
        }
    }

    /** False when the quota or balance does not cover the amount. */
    private static boolean debit(Connection connection, String sql, ValuePurchaseRequest request) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(sql)) {
            update.setLong(1, request.amount());
            update.setString(2, request.cardNumber());
            update.setLong(3, request.amount());
            return update.executeUpdate() == 1;
        }
    }

    private static void insertBillingRecord(WriteBatch tail, UUID purchaseId, ValuePurchaseRequest request,
                                            PeerIdentity terminal, Instant now) {
        tail.add("INSERT INTO billing_records (purchase_id, request_id, card_number, emoney_card_number, amount, currency,"
                        + " terminal_id, atc, billed_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)", purchaseId.toString(),
                request.requestId().toString(), request.cardNumber(), request.emoneyCardNumber(), request.amount(),
                request.currency(), terminal.name(), request.atc(), Database.utc(now));
    }
}
