package com.valuekiosk.server.emoney.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.testing.Storage;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A card's lookups on the flow read its few open rows, not its history: on H2, EXPLAIN ANALYZE of
 * each statement over a card with 2,000 completed charge-ups behind it scans a handful of rows.
 * (Availability once read every preparation the card ever had: in the load benchmark, after 3,000
 * flows per card, that one statement took 41 % of the servers' request threads' CPU.)
 */
class CardHistoryLookupsTest {

    private static final String CARD = "9999000000000017";
    private static final int HISTORY = 2_000;
    private static final int OTHER_CARDS = 200;
    private static final LocalDateTime NOW = LocalDateTime.of(2026, 12, 6, 10, 0);
    private static final int PROVEN_SEQUENCE = HISTORY;
    /** Rows a lookup may scan: the card's open ones (two here) and the index's boundary rows. */
    private static final int FEW = 5;

    @TempDir
    Path directory;

    private Database database;

    @BeforeEach
    void aCardWithALongHistoryAmongOthers() throws SQLException {
        database = Storage.H2.fresh(directory, "emoney").open("emoney");
        try (Connection connection = database.dataSource().getConnection()) {
            List<String> cards = new ArrayList<>();
            cards.add(CARD);
            for (int i = 0; i < OTHER_CARDS; i++) {
                cards.add(String.format("99990001%08d", i));
            }
            try (PreparedStatement user = connection.prepareStatement(
                    "INSERT INTO emoney_users (card_number, user_name, bank_account) VALUES (?, 'user', 'JP00TEST')")) {
                for (String card : cards) {
                    user.setString(1, card);
                    user.addBatch();
                }
                user.executeBatch();
            }
            long id = 0;
            for (String card : cards) {
                int history = card.equals(CARD) ? HISTORY : 5;
                for (int sequence = 0; sequence < history; sequence++) {
                    id++;
                    insertCharge(connection, id, card, sequence, "COMPLETED", "RECEIPT");
                    insertPreparation(connection, id, card, "COMPLETED", id);
                }
            }
            // What is open on the card now: one charge it has not applied, and VALUE bought since.
            insertCharge(connection, ++id, CARD, PROVEN_SEQUENCE, "ISSUED", null);
            insertPreparation(connection, id, CARD, "CHARGING", id);
            insertPreparation(connection, ++id, CARD, "AVAILABLE", null);
            connection.createStatement().execute("ANALYZE");
            connection.commit();
        }
    }

    @AfterEach
    void close() {
        database.close();
    }

    @Test
    void availabilityReadsTheCardsOpenPreparationsOnly() throws SQLException {
        Lookup waiting = explain(EmoneyService.AVAILABILITY, CARD, CARD, NOW, CARD);

        assertThat(waiting.rows()).as("the CHARGING and the AVAILABLE preparation").isEqualTo(2);
        assertThat(waiting.maxScanCount()).as(waiting.plan()).isLessThanOrEqualTo(FEW);
    }

    @Test
    void anAmountChangeReadsTheCardsOpenPreparationsAndChargesOnly() throws SQLException {
        Lookup available = explain(EmoneyService.AVAILABLE, CARD, NOW);
        Lookup charges = explain(EmoneyService.CARD_CHARGES, CARD, CARD, PROVEN_SEQUENCE);

        assertThat(available.rows()).isEqualTo(1);
        assertThat(available.maxScanCount()).as(available.plan()).isLessThanOrEqualTo(FEW);
        assertThat(charges.rows()).as("the ISSUED charge").isEqualTo(1);
        assertThat(charges.maxScanCount()).as(charges.plan()).isLessThanOrEqualTo(FEW);
    }

    @Test
    void aStatusQueryLooksForUnprovenSettlementsFromTheProvenSequenceOnOnly() throws SQLException {
        Lookup unproven = explain(EmoneyService.CARD_CHARGES, CARD, CARD, PROVEN_SEQUENCE - 1);

        assertThat(unproven.rows()).as("the ISSUED charge and the completed one at the sequence before").isEqualTo(2);
        assertThat(unproven.maxScanCount()).as(unproven.plan()).isLessThanOrEqualTo(FEW);
    }

    /** A statement's result size, and H2's plan with the rows each table access scanned. */
    private record Lookup(int rows, String plan) {

        private static final Pattern SCAN_COUNT = Pattern.compile("scanCount: (\\d+)");

        int maxScanCount() {
            Matcher matcher = SCAN_COUNT.matcher(plan);
            int max = -1;
            while (matcher.find()) {
                max = Math.max(max, Integer.parseInt(matcher.group(1)));
            }
            assertThat(max).as("H2 reported no scan count: " + plan).isNotNegative();
            return max;
        }
    }

    private Lookup explain(String sql, Object... parameters) throws SQLException {
        try (Connection connection = database.dataSource().getConnection()) {
            int rows = 0;
            try (PreparedStatement select = bind(connection.prepareStatement(sql), parameters);
                 ResultSet result = select.executeQuery()) {
                while (result.next()) {
                    rows++;
                }
            }
            try (PreparedStatement explain = bind(connection.prepareStatement("EXPLAIN ANALYZE " + sql), parameters);
                 ResultSet plan = explain.executeQuery()) {
                plan.next();
                return new Lookup(rows, plan.getString(1));
            }
        }
    }

    private static PreparedStatement bind(PreparedStatement statement, Object... parameters) throws SQLException {
        for (int i = 0; i < parameters.length; i++) {
            statement.setObject(i + 1, parameters[i]);
        }
        return statement;
    }

    private static void insertCharge(Connection connection, long id, String card, int sequence, String state,
                                     String completedBy) throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO charges (charge_id, card_number, sequence, amount, currency, mac, state, terminal_id, issued_at,"
                        + " completed_at, completed_by) VALUES (?, ?, ?, 1000, 'JPY', '0011223344556677', ?, 'KIOSK001', ?, ?, ?)")) {
            insert.setLong(1, id);
            insert.setString(2, card);
            insert.setInt(3, sequence);
            insert.setString(4, state);
            insert.setObject(5, NOW.minusDays(HISTORY - sequence));
            insert.setObject(6, completedBy == null ? null : NOW.minusDays(HISTORY - sequence));
            insert.setString(7, completedBy);
            insert.executeUpdate();
        }
    }

    private static void insertPreparation(Connection connection, long id, String card, String state, Long chargeId)
            throws SQLException {
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO preparations (preparation_id, request_id, card_number, amount, currency, source, created_at,"
                        + " expires_at, state, charge_id) VALUES (?, ?, ?, 1000, 'JPY', 'PURCHASE', ?, ?, ?, ?)")) {
            insert.setString(1, "p-" + id);
            insert.setString(2, "r-" + id);
            insert.setString(3, card);
            insert.setObject(4, NOW.minusDays(1));
            insert.setObject(5, NOW.plusDays(29));
            insert.setString(6, state);
            insert.setObject(7, chargeId);
            insert.executeUpdate();
        }
    }
}
