package com.valuekiosk.server.emoney.internal;

import com.valuekiosk.card.host.AmountChange;
import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.card.host.IssuerMasterKeys;
import com.valuekiosk.card.host.KeyUsage;
import com.valuekiosk.card.host.PurseReceipt;
import com.valuekiosk.card.host.PurseStateProof;
import com.valuekiosk.pki.CertificateRole;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.db.AnswerFormat;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.Idempotency;
import com.valuekiosk.server.db.WriteBatch;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.AmountChangeRequest;
import com.valuekiosk.wire.AmountChangeResponse;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.Availability;
import com.valuekiosk.wire.AvailabilityRequest;
import com.valuekiosk.wire.CardChallenge;
import com.valuekiosk.wire.CardState;
import com.valuekiosk.wire.ChallengeRequest;
import com.valuekiosk.wire.ChargeStatus;
import com.valuekiosk.wire.ChargeStatusRequest;
import com.valuekiosk.wire.CompletionRequest;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Fields;
import com.valuekiosk.wire.PreparationAck;
import com.valuekiosk.wire.PreparationNotice;
import com.valuekiosk.wire.TimeOrderedIds;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The e-money server's work (FIG. 6A/6B, FIG. 8). Money moves through preparation states
 * AVAILABLE → CHARGING (inside an issued charge) → COMPLETED, or AVAILABLE → REFUNDED on expiry; a
 * charge the card provably never applied is CANCELLED and its preparations are AVAILABLE again.
 *
 * <p>Card state counts only when the card proved it: a PROVE STATE MAC under the card's credit key
 * over its number, balance, credit sequence and a challenge this server issued for the card, used
 * once ({@link #proven}, {@link CardChallenges}). A terminal can choose which genuine proof to send
 * and when, but not what it says; and every change to a card's charges voids the card's
 * outstanding challenges, so a proof made before a charge was issued can never be used against
 * that charge.
 *
 * <p>The rule that keeps VALUE from being applied twice: a card gets at most one charge per credit
 * sequence number, ever, and an issued charge is re-sent unchanged until it is settled. The card
 * accepts a CREDIT only at its current sequence number, so once its number has moved past a
 * charge's, that charge was applied; while it has not, the same bytes may be written again.
 */
public final class EmoneyService {

    private static final Logger log = LoggerFactory.getLogger(EmoneyService.class);

    private final Database database;
    private final Idempotency idempotency;
    private final IssuerMasterKeys issuer;
    private final Currency currency;
    private final Duration preparationValidity;
    private final Clock clock;
    private final PasswordCheck passwords;
    private final CardChallenges challenges;

    public EmoneyService(Database database, AnswerFormat answers, IssuerMasterKeys issuer, Currency currency,
                         Duration preparationValidity, Clock clock) {
        this.database = database;
        this.idempotency = new Idempotency(database, clock, answers);
        this.issuer = issuer;
        this.currency = currency;
        this.preparationValidity = preparationValidity;
        this.clock = clock;
        this.passwords = new PasswordCheck(database, new PasswordHasher(), clock);
        this.challenges = new CardChallenges(issuer);
    }

    // ---- Preparations (from the credit company server or a points system) ----

    /**
     * VALUE to prepare for an e-money card. Declined, and stored: another currency, a credit card
     * linked to no e-money card, an unknown e-money card. Refused: a source the caller's role may not use.
     */
    public Outcome<PreparationAck> prepare(PreparationNotice notice, PeerIdentity caller) {
        checkSource(notice, caller);
        Idempotency.Answered<PreparationAck> answered = idempotency.once(notice.requestId(), ApiPaths.PREPARATIONS, caller,
                notice, PreparationAck.class, preparing(notice));
        logPrepared(notice, answered);
        return answered.outcome();
    }

    /**
     * Several notices of one caller (a {@link com.valuekiosk.wire.PreparationBatch}), each decided
     * as {@link #prepare} decides it alone, all in one transaction; the outcomes in the notices'
     * order. A notice of a source the caller may not use is declined {@code INVALID_REQUEST}, and not stored.
     */
    public List<Outcome<PreparationAck>> prepareAll(List<PreparationNotice> notices, PeerIdentity caller) {
        List<Idempotency.Each<PreparationAck>> allowed = new ArrayList<>(notices.size());
        Outcome<PreparationAck>[] outcomes = newOutcomes(notices.size());
        List<Integer> positions = new ArrayList<>(notices.size());
        for (int i = 0; i < notices.size(); i++) {
            PreparationNotice notice = notices.get(i);
            try {
                checkSource(notice, caller);
            } catch (Refused refused) {
                outcomes[i] = Outcome.declined(refused.code(), refused.getMessage());
                continue;
            }
            allowed.add(new Idempotency.Each<>(notice.requestId(), notice, preparing(notice)));
            positions.add(i);
        }
        if (!allowed.isEmpty()) {
            // Stored under the single endpoint's name: a notice sent alone later gets the same answer.
            List<Idempotency.Answered<PreparationAck>> decided = idempotency.onceEach(ApiPaths.PREPARATIONS, caller,
                    PreparationAck.class, allowed);
            for (int j = 0; j < decided.size(); j++) {
                int position = positions.get(j);
                logPrepared(notices.get(position), decided.get(j));
                outcomes[position] = decided.get(j).outcome();
            }
        }
        return List.of(outcomes);
    }

    @SuppressWarnings("unchecked")
    private static Outcome<PreparationAck>[] newOutcomes(int size) {
        return (Outcome<PreparationAck>[]) new Outcome<?>[size];
    }

    /**
     * Logged after the commit, from what was committed: a transaction retried (a batch is, when one
     * of its notices is a repeat) logs nothing twice, and a repeat logs nothing.
     */
    private static void logPrepared(PreparationNotice notice, Idempotency.Answered<PreparationAck> answered) {
        if (!answered.replayed() && answered.outcome() instanceof Outcome.Done<PreparationAck> done) {
            log.info("prepared {} {} for {} ({})", notice.amount(), notice.currency(), done.value().maskedEmoneyCardNumber(),
                    notice.source());
        }
    }

    /** A points system prepares POINTS, a credit company server PURCHASE. */
    private static void checkSource(PreparationNotice notice, PeerIdentity caller) {
        PreparationNotice.Source expected = caller.role() == CertificateRole.POINTS_SYSTEM
                ? PreparationNotice.Source.POINTS : PreparationNotice.Source.PURCHASE;
        if (notice.source() != expected) {
            throw new Refused(ErrorCode.INVALID_REQUEST, "a " + caller.role() + " prepares " + expected + " only");
        }
    }

    /** The work of one notice, in the transaction {@link Idempotency} gives it. */
    private Idempotency.Effect<PreparationAck> preparing(PreparationNotice notice) {
        return (connection, tail) -> {
            if (!notice.currency().equals(currency.getCurrencyCode())) {
                return Outcome.declined(ErrorCode.CURRENCY_NOT_SUPPORTED, "this e-money is in " + currency.getCurrencyCode());
            }
            String card = notice.emoneyCardNumber() != null ? notice.emoneyCardNumber() : mappedCard(connection, notice.creditCardNumber());
            if (card == null) {
                return Outcome.declined(ErrorCode.EMONEY_CARD_NOT_MAPPED, "no e-money card is registered for this credit card");
            }
            UUID preparationId = TimeOrderedIds.uuid();
            Instant now = clock.instant();
            Instant expires = now.plus(preparationValidity);
            // Inserted only for a registered user: the same statement asks.
            try (PreparedStatement insert = connection.prepareStatement(
                    "INSERT INTO preparations (preparation_id, request_id, card_number, amount, currency, source, created_at, expires_at, state)"
                            + " SELECT ?, ?, card_number, ?, ?, ?, ?, ?, 'AVAILABLE' FROM emoney_users WHERE card_number = ?")) {
                insert.setString(1, preparationId.toString());
                insert.setString(2, notice.requestId().toString());
                insert.setLong(3, notice.amount());
                insert.setString(4, notice.currency());
                insert.setString(5, notice.source().name());
                insert.setObject(6, Database.utc(now));
                insert.setObject(7, Database.utc(expires));
                insert.setString(8, card);
                if (insert.executeUpdate() != 1) {
                    return Outcome.declined(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                }
            }
            return Outcome.done(new PreparationAck(preparationId, notice.requestId(), CardNumber.of(card).masked(),
                    notice.amount(), notice.currency(), expires));
        };
    }

    /** The e-money card linked to {@code creditCard}, or null. */
    private static String mappedCard(Connection connection, String creditCard) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT card_number FROM emoney_users WHERE linked_credit_card = ?")) {
            select.setString(1, creditCard);
            try (ResultSet row = select.executeQuery()) {
                return row.next() ? row.getString(1) : null;
            }
        }
    }

    // ---- Kiosk: availability, amount change, completion, status ----

    /** What is waiting for a card (FIG. 10B); {@link Refused} for an unknown card or a password problem. */
    public Availability availability(AvailabilityRequest request) {
        // A card without a password: one transaction. With one: the password's own, then this.
        // It writes nothing: the challenge in its answer needs no row.
        Availability free = database.inTransaction(Database.Durability.REDONE_IF_LOST,
                connection -> availability(connection, request, false));
        if (free != null) {
            return free;
        }
        passwords.require(request.cardNumber(), request.password());
        return database.inTransaction(Database.Durability.REDONE_IF_LOST,
                connection -> availability(connection, request, true));
    }

    /**
     * The card's availability and a challenge, after one read ({@link #AVAILABILITY}); null when the
     * card has a password and {@code passwordChecked} is false.
     */
    private Availability availability(Connection connection, AvailabilityRequest request, boolean passwordChecked)
            throws SQLException {
        String card = request.cardNumber();
        List<Availability.Prepared> prepared = new ArrayList<>();
        long total = 0;
        long epoch;
        try (PreparedStatement select = connection.prepareStatement(AVAILABILITY)) {
            select.setString(1, card);
            select.setString(2, card);
            select.setObject(3, Database.utc(clock.instant()));
            select.setString(4, card);
            try (ResultSet rows = select.executeQuery()) {
                if (!rows.next()) {
                    throw new Refused(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                }
                if (rows.getString(1) != null && !passwordChecked) {
                    return null;
                }
                epoch = rows.getLong(2);
                // Nothing waiting: the LEFT JOIN's one row, without a preparation.
                for (boolean more = rows.getString(3) != null; more; more = rows.next()) {
                    long amount = rows.getLong(4);
                    prepared.add(new Availability.Prepared(UUID.fromString(rows.getString(3)), amount,
                            PreparationNotice.Source.valueOf(rows.getString(5)), Database.instant(rows, 6)));
                    total += amount;
                }
            }
        }
        String challenge = challenges.issue(card, epoch, clock.instant()).challenge();
        return new Availability(CardNumber.of(card).masked(), total, currency.getCurrencyCode(), prepared, challenge);
    }

    /** A challenge for the card's PROVE STATE; {@link Refused} for an unknown card. */
    public CardChallenge challenge(ChallengeRequest request) {
        long epoch = database.inTransaction(Database.Durability.REDONE_IF_LOST, connection -> {
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT challenge_epoch FROM emoney_users WHERE card_number = ?")) {
                select.setString(1, request.cardNumber());
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        throw new Refused(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                    }
                    return row.getLong(1);
                }
            }
        });
        return challenges.issue(request.cardNumber(), epoch, clock.instant());
    }

    /**
     * The amount change for a card: the open charge again if the card has not applied it, else a new
     * charge of all available VALUE. Declined, and stored: nothing to charge, or more than the card
     * can hold. Refused: unknown card, password problems, a card state behind the server's.
     */
    public Outcome<AmountChangeResponse> issueAmountChange(AmountChangeRequest request, PeerIdentity terminal) {
        // The stored request hash must not cover the password: a fast unsalted hash of it would sit
        // beside the Argon2id one. The password is checked on every call, repeats included: for a
        // card without one in the same transaction, else on its own first.
        AmountChangeRequest withoutPassword = new AmountChangeRequest(request.requestId(), request.cardNumber(), null, request.card());
        Idempotency.Answered<AmountChangeResponse> free = idempotency.onceIf(
                connection -> PasswordCheck.isFree(connection, request.cardNumber()), request.requestId(),
                ApiPaths.AMOUNT_CHANGES, terminal, withoutPassword, AmountChangeResponse.class,
                (connection, tail) -> amountChange(connection, tail, request, terminal));
        if (free != null) {
            return free.outcome();
        }
        passwords.require(request.cardNumber(), request.password());
        return idempotency.once(request.requestId(), ApiPaths.AMOUNT_CHANGES, terminal, withoutPassword,
                AmountChangeResponse.class, (connection, tail) -> amountChange(connection, tail, request, terminal)).outcome();
    }

    /**
     * The new charge and its VALUE taken are written with the stored answer ({@code tail}); the
     * card's challenges were voided when its proof was used.
     */
    private Outcome<AmountChangeResponse> amountChange(Connection connection, WriteBatch tail, AmountChangeRequest request,
                                                       PeerIdentity terminal) throws SQLException {
        String card = request.cardNumber();
        CardState state = proven(connection, card, request.card());
        CardCharges charges = cardCharges(connection, card, state.creditSequence());
        reopenUnprovenSettlements(connection, charges, state.creditSequence());
        Charge resend = null;
        for (Charge open : charges.open()) {
            if (state.creditSequence() == open.sequence()) {
                resend = open;
            } else {
                settle(connection, open, state);
            }
        }
        if (resend != null) {
            // Not applied yet: the same change again, byte for byte.
            return Outcome.done(resend.toResponse());
        }
        Charge taken = charges.atSequence();
        if (taken != null) {
            // One charge per card and sequence number, ever. A cancelled or completed charge at the card's
            // proven sequence can exist only from before cards proved their state: the operator settles it.
            throw new Refused(ErrorCode.CARD_STATE_INCONSISTENT, "the card proved sequence " + state.creditSequence()
                    + " but charge " + taken.id() + " at it is " + taken.state());
        }
        Instant now = clock.instant();
        List<Prepared> prepared = available(connection, card, now);
        long total = prepared.stream().mapToLong(Prepared::amount).sum();
        if (total == 0) {
            return Outcome.declined(ErrorCode.NOTHING_TO_CHARGE, "no VALUE is waiting for this card");
        }
        if (total > Fields.MAX_AMOUNT - state.balance()) {
            return Outcome.declined(ErrorCode.CARD_STATE_INCONSISTENT, "the card cannot hold this amount");
        }
        long chargeId = TimeOrderedIds.jsonSafeLong();
        AmountChange change = AmountChange.issue(issuer.cardKey(KeyUsage.PURSE_CREDIT, CardNumber.of(card)),
                CardNumber.of(card), total, state.creditSequence(), chargeId);
        Charge charge = new Charge(chargeId, card, state.creditSequence(), total, currency.getCurrencyCode(),
                Bytes.hex(change.mac()), "ISSUED");
        tail.add("INSERT INTO charges (charge_id, card_number, sequence, amount, currency, mac, state, terminal_id, issued_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, 'ISSUED', ?, ?)", chargeId, card, charge.sequence(), total,
                charge.currency(), charge.mac(), terminal.name(), Database.utc(now));
        for (Prepared p : prepared) {
            // Read under the card's row lock: it is still AVAILABLE.
            tail.addExpecting(1, "UPDATE preparations SET state = 'CHARGING', charge_id = ?"
                    + " WHERE preparation_id = ? AND state = 'AVAILABLE'", chargeId, p.id().toString());
        }
        log.info("issued charge {} of {} {} to {} at sequence {} for {}", chargeId, total, charge.currency(),
                CardNumber.of(card), charge.sequence(), terminal.name());
        return Outcome.done(charge.toResponse());
    }

    /** A charge completed on the card's receipt; {@link Refused} for an unknown charge or a receipt that does not prove it. */
    public Outcome<ChargeStatus> complete(CompletionRequest request, PeerIdentity terminal) {
        return idempotency.once(request.requestId(), ApiPaths.COMPLETIONS, terminal, request, ChargeStatus.class, (connection, tail) -> {
            // Also voids the card's challenges: the charge changes now.
            if (!lockUserOfCharge(connection, request.chargeId())) {
                throw new Refused(ErrorCode.CHARGE_UNKNOWN, "no charge " + request.chargeId());
            }
            Charge charge = charge(connection, request.chargeId());
            if (charge.state().equals("COMPLETED")) {
                return Outcome.done(charge.toStatus());
            }
            if (charge.state().equals("CANCELLED")) {
                // Only possible for a charge issued before cards proved their state; never here since.
                log.error("a receipt arrived for cancelled charge {}: its VALUE was re-offered; the operator must settle it",
                        charge.id());
                throw new Refused(ErrorCode.CARD_STATE_INCONSISTENT, "charge " + charge.id() + " was cancelled");
            }
            CardNumber card = CardNumber.of(charge.card());
            AmountChange change = new AmountChange(card, charge.amount(), charge.sequence(), charge.id(), Bytes.fromHex(charge.mac()));
            PurseReceipt receipt = new PurseReceipt(request.balanceAfter(), request.nextSequence(), Bytes.fromHex(request.receiptMac()));
            if (request.nextSequence() != charge.sequence() + 1
                    || !change.isConfirmedBy(receipt, issuer.cardKey(KeyUsage.PURSE_CREDIT, card))) {
                throw new Refused(ErrorCode.RECEIPT_INVALID, "the receipt is not the card's proof of charge " + charge.id());
            }
            markCompleted(tail, charge, "RECEIPT", request.balanceAfter());
            return Outcome.done(charge.completed().toStatus());
        }).outcome();
    }

    /** Where a charge stands, settled from the card's state when it has moved on; {@link Refused} for an unknown charge. */
    public Outcome<ChargeStatus> status(ChargeStatusRequest request, PeerIdentity terminal) {
        return idempotency.once(request.requestId(), ApiPaths.CHARGE_STATUS, terminal, request, ChargeStatus.class, (connection, tail) -> {
            Charge charge = charge(connection, request.chargeId());
            if (charge == null || !charge.card().equals(request.cardNumber())) {
                throw new Refused(ErrorCode.CHARGE_UNKNOWN, "no charge " + request.chargeId() + " for this card");
            }
            CardState state = proven(connection, charge.card(), request.card());
            reopenUnprovenSettlements(connection, cardCharges(connection, charge.card(), state.creditSequence()),
                    state.creditSequence());
            charge = charge(connection, request.chargeId());
            if (charge.state().equals("ISSUED") && state.creditSequence() != charge.sequence()) {
                settle(connection, charge, state);
                charge = charge(connection, request.chargeId());
            }
            return Outcome.done(charge.toStatus());
        }).outcome();
    }

    // ---- Internals ----

    /**
     * An open charge whose card has provably moved past its sequence number was applied (one charge
     * per card and sequence, and the card accepts a CREDIT only at its own sequence). A card that
     * proves a sequence below the charge's never applied it: the charge is cancelled and its VALUE
     * waits again, to be charged at the card's true sequence. The card's challenges were voided when
     * its proof was used.
     */
    private void settle(Connection connection, Charge open, CardState proven) throws SQLException {
        if (proven.creditSequence() < open.sequence()) {
            cancel(connection, open, "CARD_PROOF", clock.instant());
            log.warn("charge {} at sequence {} cancelled: the card proved sequence {}, so it never applied it",
                    open.id(), open.sequence(), proven.creditSequence());
            return;
        }
        // Sent at once: the caller reads the charge again.
        WriteBatch settled = database.writeBatch();
        markCompleted(settled, open, "CARD_STATE", null);
        settled.send(connection);
        log.info("charge {} settled as applied: the card proved sequence {}", open.id(), proven.creditSequence());
    }

    /**
     * Cancels an ISSUED charge the card provably did not apply; its preparations are AVAILABLE again
     * (the expiry refunds those past their date). Voids the card's challenges.
     */
    public static void cancel(Connection connection, long chargeId, String card, String by, Instant now) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE charges SET state = 'CANCELLED', cancelled_at = ?, cancelled_by = ? WHERE charge_id = ? AND state = 'ISSUED'")) {
            update.setObject(1, Database.utc(now));
            update.setString(2, by);
            update.setLong(3, chargeId);
            if (update.executeUpdate() != 1) {
                return;
            }
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE preparations SET state = 'AVAILABLE', charge_id = NULL WHERE charge_id = ? AND state = 'CHARGING'")) {
            update.setLong(1, chargeId);
            update.executeUpdate();
        }
        voidChallenges(connection, card);
    }

    private static void cancel(Connection connection, Charge charge, String by, Instant now) throws SQLException {
        cancel(connection, charge.id(), charge.card(), by, now);
    }

    /**
     * The card state {@code claimed} if the card proved it: the challenge was issued for this card
     * at its current epoch and has not expired, and the proof is the card's MAC over card number,
     * balance, credit sequence and challenge. Using the proof moves the epoch on, which voids this
     * challenge and every other outstanding one. A proof below a sequence the card already proved
     * is stale. {@link Refused} otherwise; nothing is used then (the transaction rolls back).
     *
     * <p>Like {@link #lockUser}, this locks the card's user row until the transaction ends: the
     * statement that moves its proven sequence up takes the lock, and no older proof can move it down.
     */
    private CardState proven(Connection connection, String card, CardState claimed) throws SQLException {
        byte[] key = issuer.cardKey(KeyUsage.PURSE_CREDIT, CardNumber.of(card));
        if (!PurseStateProof.verify(key, CardNumber.of(card), claimed.balance(), claimed.creditSequence(),
                Bytes.fromHex(claimed.challenge()), Bytes.fromHex(claimed.proof()))) {
            throw new Refused(ErrorCode.CARD_PROOF_INVALID, "the card state is not the card's proof for this challenge");
        }
        Instant now = clock.instant();
        // The epoch the challenge must have been issued at comes back from the statement that moves it on.
        String use = database.isPostgres()
                ? USE_PROOF + " RETURNING challenge_epoch"
                : "SELECT challenge_epoch FROM FINAL TABLE (" + USE_PROOF + ")";
        try (PreparedStatement update = connection.prepareStatement(use)) {
            update.setInt(1, claimed.creditSequence());
            update.setObject(2, Database.utc(now));
            update.setString(3, card);
            update.setInt(4, claimed.creditSequence());
            try (ResultSet row = update.executeQuery()) {
                if (row.next()) {
                    requireChallenge(card, row.getLong(1) - 1, claimed, now);
                    return claimed;
                }
            }
        }
        // Refused, in this order: an unknown card, a bad challenge, an older proof.
        lockUser(connection, card);
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT challenge_epoch, proven_sequence FROM emoney_users WHERE card_number = ?")) {
            select.setString(1, card);
            try (ResultSet row = select.executeQuery()) {
                row.next();
                requireChallenge(card, row.getLong(1), claimed, now);
                throw new Refused(ErrorCode.CARD_STATE_INCONSISTENT,
                        "the card proved sequence " + row.getInt(2) + " before; this proof is older");
            }
        }
    }

    /**
     * Moves the card's proven sequence up and its challenge epoch on. Parameters: sequence, now,
     * card, sequence.
     */
    private static final String USE_PROOF = "UPDATE emoney_users SET proven_sequence = ?, proven_at = ?,"
            + " challenge_epoch = challenge_epoch + 1 WHERE card_number = ? AND (proven_sequence IS NULL OR proven_sequence <= ?)";

    private void requireChallenge(String card, long epoch, CardState claimed, Instant now) {
        if (!challenges.isValid(card, epoch, claimed.challenge(), now)) {
            throw new Refused(ErrorCode.CARD_PROOF_INVALID, "the challenge is unknown, used or expired; ask for a new one");
        }
    }

    /** Moves the challenge epoch of the card that follows on ("?", or a subquery for it). */
    private static final String VOID_CHALLENGES_OF =
            "UPDATE emoney_users SET challenge_epoch = challenge_epoch + 1 WHERE card_number = ";

    /**
     * Every change to a card's charges voids its outstanding challenges: older proofs are worthless
     * after it.
     */
    private static void voidChallenges(Connection connection, String card) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement(VOID_CHALLENGES_OF + "?")) {
            update.setString(1, card);
            update.executeUpdate();
        }
    }

    private void markCompleted(WriteBatch batch, Charge charge, String by, Long balanceAfter) {
        batch.add("UPDATE charges SET state = 'COMPLETED', completed_at = ?, completed_by = ?, balance_after = ?"
                        + " WHERE charge_id = ? AND state = 'ISSUED'", Database.utc(clock.instant()), by, balanceAfter,
                charge.id());
        batch.add("UPDATE preparations SET state = 'COMPLETED' WHERE charge_id = ? AND state = 'CHARGING'", charge.id());
    }


    /**
     * Serialises all charge work on one card, across threads and server instances: the card's user
     * row stays locked until the transaction ends.
     */
    private void lockUser(Connection connection, String card) throws SQLException {
        if (!database.isPostgres()) {
            // H2 never caches a SELECT … FOR UPDATE: it parsed it again on every call, which cost more
            // than the lock. An UPDATE that changes nothing takes the same row lock, and is cached.
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE emoney_users SET failed_password_attempts = failed_password_attempts WHERE card_number = ?")) {
                update.setString(1, card);
                if (update.executeUpdate() != 1) {
                    throw new Refused(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                }
            }
            return;
        }
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT card_number FROM emoney_users WHERE card_number = ? FOR UPDATE")) {
            select.setString(1, card);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new Refused(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                }
            }
        }
    }

    /**
     * {@link #lockUser} for the card of a charge, found in the same statement, which also voids the
     * card's challenges ({@link #voidChallenges}); false when there is no such charge. The charge
     * read after it is as the lock holder sees it.
     */
    private static boolean lockUserOfCharge(Connection connection, long chargeId) throws SQLException {
        try (PreparedStatement lock = connection.prepareStatement(
                VOID_CHALLENGES_OF + "(SELECT card_number FROM charges WHERE charge_id = ?)")) {
            lock.setLong(1, chargeId);
            return lock.executeUpdate() == 1;
        }
    }

    private record Prepared(UUID id, long amount, PreparationNotice.Source source, Instant expiresAt) {
    }

    /*
     * A card's lookups find its rows through an index on (card, state) or (card, sequence), never by
     * reading the card's whole history: a card charged every day for years has thousands of
     * preparations and charges. CardHistoryLookupsTest holds each statement below to that.
     */

    /** VALUE that can go into a new charge: parameters card, now. */
    static final String AVAILABLE = "SELECT preparation_id, amount, source, expires_at FROM preparations"
            + " WHERE card_number = ? AND state = 'AVAILABLE' AND expires_at > ? ORDER BY created_at, preparation_id";

    /**
     * Everything availability reads, in one statement. What the person is told is waiting (FIG. 10B):
     * the VALUE of an issued charge the card has not applied yet (a YES re-sends that charge before
     * issuing another) and the available VALUE, one lookup per state (with both states in one
     * condition, H2 read every preparation the card ever had). Joined to the card's user row, with the
     * password hash and the card's challenge epoch: one row per waiting preparation, or one row with
     * null preparation columns when nothing waits; no row for an unknown card. Parameters card, card,
     * now, card.
     */
    static final String AVAILABILITY = "SELECT u.password_hash, u.challenge_epoch,"
            + " w.preparation_id, w.amount, w.source, w.expires_at FROM emoney_users u LEFT JOIN ("
            + "SELECT preparation_id, amount, source, expires_at, created_at FROM preparations"
            + " WHERE card_number = ? AND state = 'CHARGING'"
            + " UNION ALL SELECT preparation_id, amount, source, expires_at, created_at FROM preparations"
            + " WHERE card_number = ? AND state = 'AVAILABLE' AND expires_at > ?"
            + ") AS w ON TRUE WHERE u.card_number = ? ORDER BY w.created_at, w.preparation_id";

    private static List<Prepared> available(Connection connection, String card, Instant now) throws SQLException {
        return prepared(connection, AVAILABLE, card, Database.utc(now));
    }

    private static List<Prepared> prepared(Connection connection, String sql, Object... parameters) throws SQLException {
        List<Prepared> prepared = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                select.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    prepared.add(new Prepared(UUID.fromString(rows.getString(1)), rows.getLong(2),
                            PreparationNotice.Source.valueOf(rows.getString(3)), Database.instant(rows, 4)));
                }
            }
        }
        return prepared;
    }

    private record Charge(long id, String card, int sequence, long amount, String currency, String mac, String state) {

        AmountChangeResponse toResponse() {
            return new AmountChangeResponse(id, CardNumber.of(card).masked(), amount, currency, sequence, mac);
        }

        /** This charge as {@link #reopen} leaves it. */
        Charge reopened() {
            return new Charge(id, card, sequence, amount, currency, mac, "ISSUED");
        }

        /** This charge as {@link #markCompleted} left it (under the card's lock: nothing else changed it). */
        Charge completed() {
            return new Charge(id, card, sequence, amount, currency, mac, "COMPLETED");
        }

        ChargeStatus toStatus() {
            return new ChargeStatus(id, ChargeStatus.State.valueOf(state), amount, currency);
        }

    }

    /**
     * What an amount change must know of a card's charges, read in one statement: its ISSUED charges,
     * one or none (several only from before cards proved their state), in sequence order, the
     * unproven settlements to open again (see {@link #reopenUnprovenSettlements}), which then count
     * as ISSUED too, and the charge at the proven sequence when it is neither.
     */
    private record CardCharges(List<Charge> open, List<Long> unprovenSettlements, Charge atSequence) {
    }

    /**
     * The charges an amount change must know of: parameters card, card, proven sequence. The ISSUED
     * ones by (card, state); the others from the proven sequence on by (card, sequence) — never
     * more than a few, whereas a card has as many COMPLETED charges as it had charge-ups.
     */
    static final String CARD_CHARGES = "SELECT * FROM ("
            + "SELECT charge_id, card_number, sequence, amount, currency, mac, state, completed_by FROM charges"
            + " WHERE card_number = ? AND state = 'ISSUED'"
            + " UNION ALL SELECT charge_id, card_number, sequence, amount, currency, mac, state, completed_by FROM charges"
            + " WHERE card_number = ? AND sequence >= ? AND state <> 'ISSUED'"
            + ") AS card_charges ORDER BY sequence";

    private static CardCharges cardCharges(Connection connection, String card, int provenSequence) throws SQLException {
        List<Charge> open = new ArrayList<>();
        List<Long> unproven = new ArrayList<>();
        Charge atSequence = null;
        // One round trip; the UNION sits in a derived table because H2 keeps no parsed UNION for the
        // next call, only a plain SELECT: parsing it again on every amount change cost more than the lookups.
        try (PreparedStatement select = connection.prepareStatement(CARD_CHARGES)) {
            select.setString(1, card);
            select.setString(2, card);
            select.setInt(3, provenSequence);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    Charge charge = new Charge(rows.getLong(1), rows.getString(2), rows.getInt(3), rows.getLong(4),
                            rows.getString(5), rows.getString(6), rows.getString(7));
                    if (charge.state().equals("ISSUED")) {
                        open.add(charge);
                    } else if (isUnprovenSettlement(charge.state(), rows.getString(8))) {
                        unproven.add(charge.id());
                        open.add(charge.reopened());
                    } else if (charge.sequence() == provenSequence) {
                        atSequence = charge;
                    }
                }
            }
        }
        return new CardCharges(open, unproven, atSequence);
    }

    /** A charge marked applied on a terminal's word (see {@link #reopenUnprovenSettlements}). */
    private static boolean isUnprovenSettlement(String state, String completedBy) {
        return state.equals("COMPLETED") && "CARD_STATE".equals(completedBy);
    }

    /**
     * Before cards proved their state, a terminal's report of a higher sequence number was enough to
     * mark a charge applied ("CARD_STATE"), and its VALUE was lost if the card never had it. A card
     * that now proves a sequence at or below such a charge's never applied it: the charge is ISSUED
     * again (and then re-sent or cancelled like any open charge). Since proofs are required, a
     * settlement by card state needs a proved sequence above the charge's, and the proved sequence
     * never goes down ({@link #proven}), so {@link #cardCharges} finds only those older settlements.
     */
    private static void reopenUnprovenSettlements(Connection connection, CardCharges charges, int provenSequence)
            throws SQLException {
        for (long chargeId : charges.unprovenSettlements()) {
            reopen(connection, chargeId, provenSequence);
        }
    }

    /** An unproven settlement ISSUED again, its VALUE CHARGING again. */
    private static void reopen(Connection connection, long chargeId, int provenSequence) throws SQLException {
        try (PreparedStatement update = connection.prepareStatement("UPDATE charges SET state = 'ISSUED', completed_at = NULL,"
                + " completed_by = NULL, balance_after = NULL WHERE charge_id = ? AND state = 'COMPLETED'")) {
            update.setLong(1, chargeId);
            update.executeUpdate();
        }
        try (PreparedStatement update = connection.prepareStatement(
                "UPDATE preparations SET state = 'CHARGING' WHERE charge_id = ? AND state = 'COMPLETED'")) {
            update.setLong(1, chargeId);
            update.executeUpdate();
        }
        log.warn("charge {} had been marked applied on a terminal's word; the card proves sequence {}: open again",
                chargeId, provenSequence);
    }

    private static Charge charge(Connection connection, long chargeId) throws SQLException {
        return queryCharge(connection, "SELECT charge_id, card_number, sequence, amount, currency, mac, state FROM charges"
                + " WHERE charge_id = ?", chargeId);
    }

    private static Charge queryCharge(Connection connection, String sql, Object key) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(sql)) {
            select.setObject(1, key);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                return new Charge(row.getLong(1), row.getString(2), row.getInt(3), row.getLong(4), row.getString(5),
                        row.getString(6), row.getString(7));
            }
        }
    }
}
