package com.valuekiosk.server.db;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.pki.PeerIdentity;
import com.valuekiosk.server.service.Outcome;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;

/**
 * Exactly-once effects for state-changing requests (R-SV4). The decision on a request id is stored
 * in the same transaction as the request's effects, so either both exist or neither does; a
 * repeat gets the stored answer and changes nothing. Two copies arriving at once race on the
 * table's primary key: the loser's transaction is rolled back and retried by
 * {@link Database#inTransaction}, and then finds the winner's answer.
 *
 * <p>Both kinds of {@link Outcome} are decisions: a {@link Outcome.Declined} is stored like a
 * success, together with whatever bookkeeping the work did before deciding (for example, a used
 * ATC). A {@link Refused} thrown by the work rolls everything back and stores nothing.
 */
public final class Idempotency {

    /** The request hash of an id closed without a request (see {@link #outcomeOrClose}). */
    private static final String CLOSED = "closed";

    private final Database database;
    private final Clock clock;
    private final AnswerFormat format;

    public Idempotency(Database database, Clock clock, AnswerFormat format) {
        this.database = database;
        this.clock = clock;
        this.format = format;
    }

    /**
     * Work that changes state and decides. Its last writes, those that nothing after them reads, go
     * in {@code tail}: they are sent with the stored answer, in one round trip on PostgreSQL.
     */
    @FunctionalInterface
    public interface Effect<T> {
        Outcome<T> apply(Connection connection, WriteBatch tail) throws SQLException;
    }

    /**
     * The decision on a request, and whether it was {@code replayed}: found stored (a repeat, or a
     * copy that lost the race) rather than decided by this call's committed transaction.
     */
    public record Answered<T>(Outcome<T> outcome, boolean replayed) {
    }

    /** Runs {@code effect} once per request id; a repeat of the same request gets the stored decision. */
    public <T> Answered<T> once(UUID requestId, String endpoint, PeerIdentity client, Object request, Class<T> type,
                                Effect<T> effect) {
        return decide(null, requestId, endpoint, client, request, type, effect);
    }

    /** A check at the start of a transaction: false means the work is not for this transaction. */
    @FunctionalInterface
    public interface Condition {
        boolean holds(Connection connection) throws SQLException;
    }

    /**
     * As {@link #once}, in a transaction that first checks {@code condition}: null, and nothing
     * done, when it does not hold (the caller checks what it must on its own and calls
     * {@link #once}). A check that every request needs, repeats included, rides in the same
     * transaction this way.
     */
    public <T> Answered<T> onceIf(Condition condition, UUID requestId, String endpoint, PeerIdentity client, Object request,
                                  Class<T> type, Effect<T> effect) {
        return decide(condition, requestId, endpoint, client, request, type, effect);
    }

    /**
     * A new request id is the rule and a repeat the exception (a terminal that lost an answer), so
     * the work is first done without looking for a stored answer. A repeat cannot take effect that
     * way: its answer's row is already there, so the transaction fails on that primary key, or
     * earlier on a constraint of the work's own rows (it is then rolled back and tried again, looking
     * first), or the work refuses what it already did (a used challenge, a used ATC): a refusal by the
     * work is sent only when the table holds no answer for the id.
     */
    private <T> Answered<T> decide(Condition condition, UUID requestId, String endpoint, PeerIdentity client,
                                   Object request, Class<T> type, Effect<T> effect) {
        String hash = hash(request);
        String clientName = client.role() + "/" + client.name();
        boolean[] lookFirst = {false};
        boolean[] refusedUnlooked = {false};
        Database.Work<Answered<T>> attempt = connection -> {
            if (condition != null && !condition.holds(connection)) {
                return null;
            }
            if (lookFirst[0]) {
                StoredAnswer stored = find(connection, requestId, endpoint, clientName, hash);
                if (stored != null) {
                    return new Answered<>(format.read(stored, type), true);
                }
            }
            try {
                WriteBatch tail = database.writeBatch();
                Outcome<T> outcome = effect.apply(connection, tail);
                storeAnswer(tail, requestId, endpoint, clientName, hash, format.store(outcome));
                tail.send(connection);
                return new Answered<>(outcome, false);
            } catch (SQLException e) {
                lookFirst[0] = true; // Database retries it (a duplicate key among others)
                throw e;
            } catch (Refused e) {
                refusedUnlooked[0] = !lookFirst[0];
                throw e;
            }
        };
        try {
            return database.inTransaction(attempt);
        } catch (Refused refused) {
            if (!refusedUnlooked[0]) {
                throw refused;
            }
            StoredAnswer stored = database.inTransaction(connection -> find(connection, requestId, endpoint, clientName, hash));
            if (stored == null) {
                throw refused;
            }
            return new Answered<>(format.read(stored, type), true);
        }
    }

    /** One request of {@link #onceEach}: its id, the request itself (for its hash) and its work. */
    public record Each<T>(UUID requestId, Object request, Effect<T> effect) {
    }

    /**
     * As {@link #once} for each of several requests of one client on one endpoint, with distinct ids,
     * in one transaction: one commit (and on H2 one file write) for all of them. The answers come in
     * the requests' order, each the one {@link #once} would have given that request alone. A request
     * id used for something else is that request's decline ({@code REQUEST_ID_REUSED}), not stored
     * and not {@code replayed}.
     *
     * <p>A {@link Refused} from one request's work would roll back the others' too: the requests
     * are then decided one by one, each in its own transaction, as {@link #once} decides them.
     */
    public <T> List<Answered<T>> onceEach(String endpoint, PeerIdentity client, Class<T> type, List<Each<T>> requests) {
        String clientName = client.role() + "/" + client.name();
        List<String> hashes = requests.stream().map(each -> hash(each.request())).toList();
        boolean[] lookFirst = {false};
        Database.Work<List<Answered<T>>> attempt = connection -> {
            WriteBatch tail = database.writeBatch();
            List<Answered<T>> answers = new ArrayList<>(requests.size());
            try {
                for (int i = 0; i < requests.size(); i++) {
                    Each<T> each = requests.get(i);
                    if (lookFirst[0]) {
                        Answered<T> stored = storedAnswer(connection, each.requestId(), endpoint, clientName, hashes.get(i), type);
                        if (stored != null) {
                            answers.add(stored);
                            continue;
                        }
                    }
                    Outcome<T> outcome = each.effect().apply(connection, tail);
                    storeAnswer(tail, each.requestId(), endpoint, clientName, hashes.get(i), format.store(outcome));
                    answers.add(new Answered<>(outcome, false));
                }
                tail.send(connection);
            } catch (SQLException e) {
                lookFirst[0] = true; // Database retries it (a repeat's duplicate key among others)
                throw e;
            }
            return answers;
        };
        try {
            return database.inTransaction(attempt);
        } catch (Refused refused) {
            List<Answered<T>> answers = new ArrayList<>(requests.size());
            for (Each<T> each : requests) {
                try {
                    answers.add(once(each.requestId(), endpoint, client, each.request(), type, each.effect()));
                } catch (Refused alone) {
                    answers.add(new Answered<>(Outcome.declined(alone.code(), alone.getMessage()), false));
                }
            }
            return answers;
        }
    }

    /** The stored answer to one request of a batch, its refusal as a decline, or null when none is stored. */
    private <T> Answered<T> storedAnswer(Connection connection, UUID requestId, String endpoint, String clientName,
                                         String hash, Class<T> type) throws SQLException {
        StoredAnswer stored;
        try {
            stored = find(connection, requestId, endpoint, clientName, hash);
        } catch (Refused reused) {
            return new Answered<>(Outcome.declined(reused.code(), reused.getMessage()), false);
        }
        return stored == null ? null : new Answered<>(format.read(stored, type), true);
    }

    /**
     * What became of a request whose answer was lost: its stored decision if it arrived; otherwise
     * the id is closed with {@code notMade} as its decision, so that a copy still on its way gets
     * that answer instead of taking effect. Either way the outcome is final.
     */
    public <T> Outcome<T> outcomeOrClose(UUID requestId, String endpoint, PeerIdentity client, Outcome<T> notMade,
                                         Class<T> type) {
        String clientName = client.role() + "/" + client.name();
        return database.inTransaction(connection -> {
            StoredAnswer stored = find(connection, requestId, endpoint, clientName, CLOSED);
            if (stored != null) {
                return format.read(stored, type);
            }
            WriteBatch closing = database.writeBatch();
            storeAnswer(closing, requestId, endpoint, clientName, CLOSED, format.store(notMade));
            closing.send(connection);
            return notMade;
        });
    }

    /** The answer's row, last in the batch: a repeat of the request fails on its primary key. */
    private void storeAnswer(WriteBatch batch, UUID requestId, String endpoint, String clientName, String hash,
                             StoredAnswer answer) {
        batch.add("INSERT INTO idempotent_requests (request_id, endpoint, client, request_hash, status, response, created_at)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?)", requestId.toString(), endpoint, clientName, hash, answer.status(),
                answer.body(), LocalDateTime.ofInstant(clock.instant(), ZoneOffset.UTC));
    }

    /**
     * The stored answer for {@code requestId}, or null. The id must have been used by the same
     * client on the same endpoint; with the same request body too, unless the caller only asks for
     * the outcome ({@code hash} = {@link #CLOSED}) or the id was closed.
     */
    private static StoredAnswer find(Connection connection, UUID requestId, String endpoint, String client, String hash)
            throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT endpoint, client, request_hash, status, response FROM idempotent_requests WHERE request_id = ?")) {
            select.setString(1, requestId.toString());
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return null;
                }
                String storedHash = row.getString("request_hash").trim(); // CHAR(64): blank-padded
                boolean sameRequest = storedHash.equals(hash) || storedHash.equals(CLOSED) || hash.equals(CLOSED);
                if (!row.getString("endpoint").equals(endpoint) || !row.getString("client").equals(client) || !sameRequest) {
                    throw new Refused(ErrorCode.REQUEST_ID_REUSED,
                            "request id " + requestId + " was already used for a different request");
                }
                return new StoredAnswer(row.getInt("status"), row.getString("response"));
            }
        }
    }

    private static String hash(Object request) {
        try {
            byte[] canonical = Json.mapper().writeValueAsBytes(request);
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(canonical));
        } catch (JsonProcessingException | NoSuchAlgorithmException e) {
            throw new IllegalStateException("request hash", e);
        }
    }
}
