package com.valuekiosk.server.credit;

import com.valuekiosk.card.host.CardNumber;
import com.valuekiosk.server.credit.CardAccounts.AccountType;
import com.valuekiosk.server.db.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The monthly cutoff (FIG. 4B, "billing"): the purchases billed in a calendar month (UTC) become
 * one statement line per card, the total its billing account is charged.
 *
 * <p>Closing is idempotent: a billing record joins a cycle once, and closing a cycle again changes
 * nothing unless purchases of that month arrived after the first close (a purchase that was in
 * flight at the cutoff): those join the cycle and their cards' lines are counted again.
 */
public final class BillingCycles {

    private static final Logger log = LoggerFactory.getLogger(BillingCycles.class);

    /**
     * One card's line of a cycle's statement. {@code card}'s {@code toString()} is masked; its
     * digits are there for the billing run that charges the account.
     */
    public record StatementLine(YearMonth cycle, CardNumber card, String billingAccount, AccountType accountType,
                                int purchaseCount, long total, Instant closedAt) {
    }

    private final Database database;
    private final Clock clock;

    public BillingCycles(Database database, Clock clock) {
        this.database = database;
        this.clock = clock;
    }

    /**
     * Closes {@code cycle}: its unassigned billing records join it and the statement lines of the
     * cards concerned are (re)computed. Returns how many billing records joined the cycle now.
     */
    public int closeCycle(YearMonth cycle) {
        String name = cycle.toString();
        LocalDateTime from = cycle.atDay(1).atStartOfDay();
        LocalDateTime to = cycle.plusMonths(1).atDay(1).atStartOfDay();
        int joined = database.inTransaction(connection -> {
            int records;
            try (PreparedStatement assign = connection.prepareStatement(
                    "UPDATE billing_records SET cycle = ? WHERE cycle IS NULL AND billed_at >= ? AND billed_at < ?")) {
                assign.setString(1, name);
                assign.setObject(2, from);
                assign.setObject(3, to);
                records = assign.executeUpdate();
            }
            if (records > 0) {
                writeStatements(connection, name, Database.utc(clock.instant()));
            }
            return records;
        });
        log.info("billing cycle {} closed: {} billing records joined it", name, joined);
        return joined;
    }

    /** The statement of a closed cycle, by card; empty when the cycle was not closed or had no purchases. */
    public List<StatementLine> statement(YearMonth cycle) {
        return database.inTransaction(connection -> {
            List<StatementLine> lines = new ArrayList<>();
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT card_number, billing_account, account_type, purchase_count, total, closed_at"
                            + " FROM statements WHERE cycle = ? ORDER BY card_number")) {
                select.setString(1, cycle.toString());
                try (ResultSet rows = select.executeQuery()) {
                    while (rows.next()) {
                        lines.add(new StatementLine(cycle, CardNumber.of(rows.getString(1)), rows.getString(2),
                                AccountType.valueOf(rows.getString(3)), rows.getInt(4), rows.getLong(5),
                                rows.getObject(6, LocalDateTime.class).toInstant(ZoneOffset.UTC)));
                    }
                }
            }
            return lines;
        });
    }

    private record Total(String card, String billingAccount, String accountType, long count, long total) {
    }

    private static void writeStatements(Connection connection, String cycle, LocalDateTime now) throws SQLException {
        List<Total> totals = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT b.card_number, a.billing_account, a.account_type, COUNT(*), SUM(b.amount)"
                        + " FROM billing_records b JOIN card_accounts a ON a.card_number = b.card_number"
                        + " WHERE b.cycle = ? AND b.reversed_at IS NULL GROUP BY b.card_number, a.billing_account, a.account_type")) {
            select.setString(1, cycle);
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    totals.add(new Total(rows.getString(1), rows.getString(2), rows.getString(3), rows.getLong(4),
                            rows.getLong(5)));
                }
            }
        }
        try (PreparedStatement merge = connection.prepareStatement(
                "MERGE INTO statements AS s USING (VALUES (?, ?, ?, ?, ?, ?, ?))"
                        + " AS v(cycle, card_number, billing_account, account_type, purchase_count, total, closed_at)"
                        + " ON s.cycle = v.cycle AND s.card_number = v.card_number"
                        + " WHEN MATCHED AND (s.purchase_count <> v.purchase_count OR s.total <> v.total)"
                        + " THEN UPDATE SET purchase_count = v.purchase_count, total = v.total, closed_at = v.closed_at"
                        + " WHEN NOT MATCHED THEN INSERT (cycle, card_number, billing_account, account_type, purchase_count,"
                        + " total, closed_at)"
                        + " VALUES (v.cycle, v.card_number, v.billing_account, v.account_type, v.purchase_count, v.total,"
                        + " v.closed_at)")) {
            for (Total total : totals) {
                merge.setString(1, cycle);
                merge.setString(2, total.card());
                merge.setString(3, total.billingAccount());
                merge.setString(4, total.accountType());
                merge.setInt(5, Math.toIntExact(total.count()));
                merge.setLong(6, total.total());
                merge.setObject(7, now);
                merge.executeUpdate();
            }
        }
    }
}
