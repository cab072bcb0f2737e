package com.valuekiosk.server.emoney;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.emoney.internal.EmoneyService;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Issued charges that are not settled, for the operator. A charge is <em>stuck</em> when its card has
 * proved (PROVE STATE) a credit sequence number below the charge's: the card never applied it, and
 * the charge's VALUE would wait for ever. Settling a stuck charge cancels it and offers its VALUE
 * again, or refunds it to the user's bank account at once. An open charge at the card's proven
 * sequence (or on a card that never proved its state) is not stuck: the card may still apply it.
 */
public final class StuckCharges {

    /** One open charge: {@code provenSequence} is null when the card never proved its state. */
    public record OpenCharge(long chargeId, String maskedCard, int sequence, Integer provenSequence, long amount,
                             String currency, String terminalId, Instant issuedAt) {

        /** The card proved a sequence below this charge's: it never applied it. */
        public boolean stuck() {
            return provenSequence != null && provenSequence < sequence;
        }
    }

    private final Database database;
    private final Clock clock;

    public StuckCharges(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /** Every ISSUED charge, oldest first. */
    public List<OpenCharge> open() {
        return database.inTransaction(connection -> {
            List<OpenCharge> charges = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT c.charge_id, c.card_number, c.sequence, u.proven_sequence, c.amount, c.currency, c.terminal_id, c.issued_at"
                            + " FROM charges c JOIN emoney_users u ON u.card_number = c.card_number"
                            + " WHERE c.state = 'ISSUED' ORDER BY c.issued_at, c.charge_id")) {
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        int proven = rows.getInt(4);
                        Integer provenSequence = rows.wasNull() ? null : proven;
                        charges.add(new OpenCharge(rows.getLong(1), CardNumber.of(rows.getString(2)).masked(), rows.getInt(3),
                                provenSequence, rows.getLong(5), rows.getString(6), rows.getString(7), Database.instant(rows, 8)));
                    }
                }
            }
            return charges;
        });
    }

    /**
     * Cancels every stuck charge (its preparations AVAILABLE again); with {@code refund}, also refunds
     * those preparations now. Returns the charges cancelled.
     */
    public List<OpenCharge> settle(boolean refund) {
        List<OpenCharge> settled = new ArrayList<>();
        for (OpenCharge charge : open()) {
            if (!charge.stuck()) {
                continue;
            }
            Instant now = clock.instant();
            List<String> reoffered = database.inTransaction(connection -> cancelIfStuck(connection, charge.chargeId(), "OPERATOR", now));
            if (!reoffered.isEmpty()) {
                settled.add(charge);
                if (refund) {
                    PreparationExpiry.refund(database, now, reoffered);
                }
            }
        }
        return settled;
    }

    /**
     * Inside a transaction: cancels the charge if it is ISSUED and above its card's proven sequence,
     * and returns the preparations it offers again (empty when it was not stuck).
     */
    static List<String> cancelIfStuck(Connection connection, long chargeId, String by, Instant now) throws SQLException {
        String card;
        try (PreparedStatement select = connection.prepareStatement("SELECT card_number FROM charges WHERE charge_id = ?")) {
            select.setLong(1, chargeId);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    return List.of();
                }
                card = row.getString(1);
            }
        }
        Integer proven;
        // The card's row lock: the same one every charge operation on the card takes first.
        try (PreparedStatement lock = connection.prepareStatement(
                "SELECT proven_sequence FROM emoney_users WHERE card_number = ? FOR UPDATE")) {
            lock.setString(1, card);
            try (ResultSet row = lock.executeQuery()) {
                row.next();
                int value = row.getInt(1);
                proven = row.wasNull() ? null : value;
            }
        }
        List<String> preparations = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT p.preparation_id FROM charges c JOIN preparations p ON p.charge_id = c.charge_id"
                        + " WHERE c.charge_id = ? AND c.state = 'ISSUED' AND c.sequence > ? AND p.state = 'CHARGING'")) {
            select.setLong(1, chargeId);
            select.setInt(2, proven == null ? Integer.MAX_VALUE : proven);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    preparations.add(rows.getString(1));
                }
            }
        }
        if (proven == null || preparations.isEmpty()) {
            return List.of();
        }
        EmoneyService.cancel(connection, chargeId, card, by, now);
        return preparations;
    }
}
