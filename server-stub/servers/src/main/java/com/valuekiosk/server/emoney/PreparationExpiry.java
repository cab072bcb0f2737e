package com.valuekiosk.server.emoney;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.wire.TimeOrderedIds;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns expired, unclaimed VALUE to the user's bank account (FIG. 6B's expiration date): an
 * AVAILABLE preparation past its expiry becomes REFUNDED with a refund record. VALUE inside an
 * issued charge the card may still apply is never refunded here; a stuck charge (its card proved a
 * sequence below it, so it never applied it, see {@link StuckCharges}) holding expired VALUE is
 * cancelled first, and its expired VALUE refunded like any other.
 */
public final class PreparationExpiry {

    private static final Logger log = LoggerFactory.getLogger(PreparationExpiry.class);

    private final Database database;
    private final Clock clock;

    public PreparationExpiry(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Refunds every AVAILABLE preparation past its expiry to its user's bank account; returns how many. */
    public int expireNow() {
        Instant now = clock.instant();
        List<Long> stuck = database.inTransaction(connection -> {
            List<Long> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT DISTINCT c.charge_id FROM charges c"
                            + " JOIN emoney_users u ON u.card_number = c.card_number"
                            + " JOIN preparations p ON p.charge_id = c.charge_id"
                            + " WHERE c.state = 'ISSUED' AND u.proven_sequence < c.sequence AND p.state = 'CHARGING' AND p.expires_at <= ?")) {
                select.setObject(1, Database.utc(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getLong(1));
                    }
                }
            }
            return ids;
        });
        for (long chargeId : stuck) {
            if (!database.inTransaction(connection -> StuckCharges.cancelIfStuck(connection, chargeId, "EXPIRY", now)).isEmpty()) {
                log.info("cancelled stuck charge {}: it holds expired VALUE its card never applied", chargeId);
            }
        }
        List<String> due = database.inTransaction(connection -> {
            List<String> ids = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT preparation_id FROM preparations WHERE state = 'AVAILABLE' AND expires_at <= ?")) {
                select.setObject(1, Database.utc(now));
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        ids.add(rows.getString(1));
                    }
                }
            }
            return ids;
        });
        int refunded = refund(database, now, due);
        if (refunded > 0) {
            log.info("refunded {} expired preparations", refunded);
        }
        return refunded;
    }

    /** Refunds those of {@code preparations} that are still AVAILABLE to their users' bank accounts; returns how many. */
    static int refund(Database database, Instant now, List<String> preparations) {
        int refunded = 0;
        for (String id : preparations) {
            // One transaction per preparation: another instance may refund or charge it meanwhile.
            boolean done = database.inTransaction(connection -> {
                try (PreparedStatement update = connection.prepareStatement(
                        "UPDATE preparations SET state = 'REFUNDED' WHERE preparation_id = ? AND state = 'AVAILABLE'")) {
                    update.setString(1, id);
                    if (update.executeUpdate() != 1) {
                        return false;
                    }
                }
                try (PreparedStatement insert = connection.prepareStatement(
                        "INSERT INTO refunds (refund_id, preparation_id, card_number, bank_account, amount, currency, refunded_at)"
                                + " SELECT ?, p.preparation_id, p.card_number, u.bank_account, p.amount, p.currency, ?"
                                + " FROM preparations p JOIN emoney_users u ON u.card_number = p.card_number WHERE p.preparation_id = ?")) {
                    insert.setString(1, TimeOrderedIds.uuid().toString());
                    insert.setObject(2, Database.utc(now));
                    insert.setString(3, id);
                    insert.executeUpdate();
                }
                return true;
            });
            if (done) {
                refunded++;
            }
        }
        return refunded;
    }
}
