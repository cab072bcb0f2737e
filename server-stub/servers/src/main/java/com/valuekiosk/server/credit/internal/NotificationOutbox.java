package com.valuekiosk.server.credit.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.server.credit.EmoneyNotifier.State;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.db.WriteBatch;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.PreparationNotice;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * The {@code notification_outbox} table: one row per purchase, written in the purchase's own
 * transaction (claimed there for its first attempt), then claimed and settled by delivery attempts. Only SQL lives here; what an attempt
 * sends and what its answer means is {@link com.valuekiosk.server.credit.EmoneyNotifier}'s.
 *
 * <p>An attempt is two-phase, like a jPOS transaction participant, and each phase tolerates being
 * run twice for the same purchase, by another thread or another server instance; one settlement
 * may close the attempts of several notices sent together:
 * <ol>
 *   <li>{@link #claim} (prepare) moves {@code next_attempt_at} past the attempt's timeout with a
 *       conditional UPDATE on the value it read; a second claim of the same reading loses and
 *       skips the row. An instance that dies after claiming aborts nothing: the claim runs out and
 *       the row falls due again.</li>
 *   <li>{@link #settle} (commit) writes the attempt's result only while the row is still PENDING;
 *       settling a settled row changes nothing and says so.</li>
 * </ol>
 */
public final class NotificationOutbox {

    private static final int MAX_ERROR_LENGTH = 200;

    /** One row, with {@code next_attempt_at} as stored: the claim compares it exactly. */
    public record Entry(UUID purchaseId, String payload, State state, int attempts, LocalDateTime nextAttemptAtAsStored) {

        public Instant nextAttemptAt() {
            return nextAttemptAtAsStored.toInstant(ZoneOffset.UTC);
        }
    }

    /** Work done in the transaction that settles a row FAILED, and only then. */
    @FunctionalInterface
    public interface OnFailed {
        void run(Connection connection, UUID purchaseId, String error) throws SQLException;
    }

    private static final String COLUMNS = "SELECT purchase_id, payload, state, attempts, next_attempt_at FROM notification_outbox";

    private final Database database;

    public NotificationOutbox(Database database) {
        this.database = database;
    }

    /**
     * Writes the notice of a purchase with the purchase's last writes ({@code tail}), already claimed
     * for its first attempt until {@code leaseEnd} (attempt 1: the claim of {@link #claim}, without a
     * transaction of its own). Returns the payload, for that attempt to send.
     */
    public static String enqueueClaimed(WriteBatch tail, UUID purchaseId, PreparationNotice notice, Instant leaseEnd) {
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preparation notice could not be serialised", e);
        }
        tail.add("INSERT INTO notification_outbox (purchase_id, payload, state, attempts, next_attempt_at)"
                + " VALUES (?, ?, 'PENDING', 1, ?)", purchaseId.toString(), payload, Database.utc(leaseEnd));
        return payload;
    }

    /** The row of a purchase, or null. */
    public Entry find(UUID purchaseId) {
        return database.inTransaction(connection -> {
            try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE purchase_id = ?")) {
                select.setString(1, purchaseId.toString());
                try (ResultSet rows = select.executeQuery()) {
                    return rows.next() ? entry(rows) : null;
                }
            }
        });
    }

    /** Up to {@code limit} PENDING rows due at {@code now}, the longest waiting first. */
    public List<Entry> due(Instant now, int limit) {
        return database.inTransaction(connection -> {
            List<Entry> due = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(COLUMNS
                    + " WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, purchase_id LIMIT " + limit)) {
                select.setObject(1, Database.utc(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        due.add(entry(rows));
                    }
                }
            }
            return due;
        });
    }

    /**
     * Prepare: claims {@code entry} for one attempt, counted as attempt {@code attempts}, until
     * {@code leaseEnd}. False when the row changed since it was read (claimed or settled by someone else).
     */
    public boolean claim(Entry entry, int attempts, Instant leaseEnd) {
        return database.inTransaction(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?"
                            + " WHERE purchase_id = ? AND state = 'PENDING' AND next_attempt_at = ?")) {
                claim.setInt(1, attempts);
                claim.setObject(2, Database.utc(leaseEnd));
                claim.setString(3, entry.purchaseId().toString());
                claim.setObject(4, entry.nextAttemptAtAsStored());
                return claim.executeUpdate() == 1;
            }
        });
    }

    /** One attempt's result, for {@link #settle}: the state it came to, its error, when to try again if PENDING. */
    public record Settlement(UUID purchaseId, State state, String error, Instant retryAt) {
    }

    /**
     * Commit: records the results of attempts, in one transaction, on the rows still PENDING —
     * DELIVERED at {@code now}, FAILED (running {@code onFailed} in the same transaction), or
     * PENDING again with the next attempt at the settlement's {@code retryAt}. An error is cut to
     * 200 characters. One flag per settlement, in order: true when this call settled the row, false
     * when it was settled already (nothing changes then).
     */
    public List<Boolean> settle(List<Settlement> settlements, Instant now, OnFailed onFailed) {
        // Lost in a crash, the settlement is redone: the row is due again when its claim runs out.
        return database.inTransaction(Database.Durability.REDONE_IF_LOST, connection -> {
            int[] counts;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notification_outbox SET state = ?, delivered_at = ?, last_error = ?, next_attempt_at = ?"
                            + " WHERE purchase_id = ? AND state = 'PENDING'")) {
                for (Settlement settlement : settlements) {
                    update.setString(1, settlement.state().name());
                    update.setObject(2, settlement.state() == State.DELIVERED ? Database.utc(now) : null, Types.TIMESTAMP);
                    update.setString(3, shortened(settlement.error()));
                    update.setObject(4, Database.utc(settlement.retryAt()));
                    update.setString(5, settlement.purchaseId().toString());
                    update.addBatch();
                }
                counts = update.executeBatch();
            }
            List<Boolean> settled = new ArrayList<>(settlements.size());
            for (int i = 0; i < settlements.size(); i++) {
                Settlement settlement = settlements.get(i);
                settled.add(counts[i] == 1);
                if (counts[i] == 1 && settlement.state() == State.FAILED) {
                    onFailed.run(connection, settlement.purchaseId(), shortened(settlement.error()));
                }
            }
            return settled;
        });
    }

    private static String shortened(String error) {
        return error == null || error.length() <= MAX_ERROR_LENGTH ? error : error.substring(0, MAX_ERROR_LENGTH);
    }

    private static Entry entry(ResultSet rows) throws SQLException {
        return new Entry(UUID.fromString(rows.getString(1)), rows.getString(2), State.valueOf(rows.getString(3)),
                rows.getInt(4), rows.getObject(5, LocalDateTime.class));
    }
}
