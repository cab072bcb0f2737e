package com.valuekiosk.server.emoney;

import com.valuekiosk.server.db.Database;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Returns expired, unclaimed VALUE to the user's bank account (FIG. 6B's expiration date): an
 * AVAILABLE preparation past its expiry becomes REFUNDED with a refund record. VALUE inside an
 * issued charge is never refunded here — the card may have it.
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
        int refunded = 0;
        for (String id : due) {
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
                    insert.setString(1, UUID.randomUUID().toString());
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
        if (refunded > 0) {
            log.info("refunded {} expired preparations", refunded);
        }
        return refunded;
    }
}
