package com.valuekiosk.server.credit;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.valuekiosk.server.db.Database;
import com.valuekiosk.wire.ApiPaths;
import com.valuekiosk.wire.ErrorBody;
import com.valuekiosk.wire.ErrorCode;
import com.valuekiosk.wire.Json;
import com.valuekiosk.wire.PreparationNotice;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The notification of each purchase to the e-money server (R-SV4), through an outbox: the notice
 * is written in the purchase's transaction, then sent until the e-money server answers. It is
 * delivered at least once and applied exactly once, because the e-money server prepares once per
 * request id and the notice's request id is the purchase id.
 *
 * <p>Outcomes of one attempt:
 * <ul>
 *   <li>2xx: DELIVERED.</li>
 *   <li>4xx with a code that the same notice will always get again (the e-money server stores its
 *       decisions under the request id; malformed input stays malformed): FAILED, logged at WARN.
 *       The card was billed but nothing was prepared: an operator must settle it.</li>
 *   <li>Anything else — no connection, a timeout, 5xx, or a 4xx that configuration can cure (the
 *       credit server not registered on the e-money side, a wrong path): retried after 1 s, 2 s,
 *       4 s … up to {@link #MAX_BACKOFF}.</li>
 * </ul>
 *
 * <p>A run of {@link #deliverDue()} stops at the first notice that gets no answer at all: the
 * e-money server is down, and the other notices stay due for the next run instead of each waiting
 * for its own timeout.
 *
 * <p>Several server instances may share the outbox. An instance claims a row before sending by
 * moving its {@code next_attempt_at} past the attempt's timeout with a conditional UPDATE on the
 * value it read; the loser of a race skips the row. After the attempt, {@code next_attempt_at}
 * becomes the time of the next retry. A claim that is never settled (the instance died mid-send)
 * simply falls due again when it runs out. A second delivery is harmless anyway.
 */
public final class EmoneyNotifier {

    private static final Logger log = LoggerFactory.getLogger(EmoneyNotifier.class);

    /** The longest wait between two attempts of one notice. */
    public static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    /** How long the purchase request waits for its notice to get through before it answers PENDING. */
    public static final Duration IMMEDIATE_TIMEOUT = Duration.ofSeconds(3);
    /** How long a background attempt waits. */
    public static final Duration BACKGROUND_TIMEOUT = Duration.ofSeconds(10);

    private static final int BATCH = 100;
    private static final Duration LEASE_MARGIN = Duration.ofSeconds(1);
    /** Bounds one run; what is left is for the next run. */
    private static final int MAX_BATCHES_PER_RUN = 50;
    private static final int MAX_ERROR_LENGTH = 200;

    /** E-money answers that do not change when the same notice is sent again. */
    private static final Set<ErrorCode> FINAL = Set.of(ErrorCode.CARD_UNKNOWN, ErrorCode.EMONEY_CARD_NOT_MAPPED,
            ErrorCode.CURRENCY_NOT_SUPPORTED, ErrorCode.REQUEST_ID_REUSED, ErrorCode.INVALID_REQUEST,
            ErrorCode.MALFORMED_JSON, ErrorCode.BODY_TOO_LARGE, ErrorCode.UNSUPPORTED_MEDIA_TYPE);

    /** The state of one outbox row. */
    public enum State { PENDING, DELIVERED, FAILED }

    /** What one {@link #deliverDue()} run did. */
    public record Run(int attempted, int delivered, int failed, int retrying) {
    }

    private final Database database;
    private final URI preparations;
    private final HttpClient http;
    private final Clock clock;

    public EmoneyNotifier(Database database, URI emoneyServer, SSLContext tls, Clock clock) {
        this.database = database;
        this.preparations = emoneyServer.resolve(ApiPaths.PREPARATIONS);
        this.clock = clock;
        this.http = HttpClient.newBuilder()
                .sslContext(tls)
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(IMMEDIATE_TIMEOUT)
                .followRedirects(HttpClient.Redirect.NEVER)
                .build();
    }

    /** Writes the notice of a purchase, due now, inside the purchase's transaction. */
    static void enqueue(Connection connection, UUID purchaseId, PreparationNotice notice, Instant now) throws SQLException {
        String payload;
        try {
            payload = Json.mapper().writeValueAsString(notice);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a preparation notice could not be serialised", e);
        }
        try (PreparedStatement insert = connection.prepareStatement(
                "INSERT INTO notification_outbox (purchase_id, payload, state, attempts, next_attempt_at)"
                        + " VALUES (?, ?, 'PENDING', 0, ?)")) {
            insert.setString(1, purchaseId.toString());
            insert.setString(2, payload);
            insert.setObject(3, Database.utc(now));
            insert.executeUpdate();
        }
    }

    /**
     * Tries to deliver one purchase's notice now, if it is due (a fresh purchase's is), with a short
     * timeout. True when the notice is delivered, now or earlier.
     */
    public boolean deliverNow(UUID purchaseId) {
        Row row = database.inTransaction(connection -> read(connection, purchaseId));
        if (row == null || row.state() == State.FAILED) {
            return false;
        }
        if (row.state() == State.DELIVERED) {
            return true;
        }
        if (row.nextAttemptAt().isAfter(clock.instant())) {
            return false;
        }
        Outcome outcome = attempt(row, IMMEDIATE_TIMEOUT);
        return outcome != null && outcome.state() == State.DELIVERED;
    }

    /** Sends every notice that is due; what the background job and the command line run. */
    public Run deliverDue() {
        int attempted = 0;
        int delivered = 0;
        int failed = 0;
        int retrying = 0;
        // One "now" for the whole run: a row claimed in this run is due again only after it.
        Instant now = clock.instant();
        for (int batch = 0; batch < MAX_BATCHES_PER_RUN; batch++) {
            List<Row> due = database.inTransaction(connection -> due(connection, now));
            boolean unreachable = false;
            for (Row row : due) {
                Outcome outcome = attempt(row, BACKGROUND_TIMEOUT);
                if (outcome == null) {
                    continue;
                }
                attempted++;
                switch (outcome.state()) {
                    case DELIVERED -> delivered++;
                    case FAILED -> failed++;
                    case PENDING -> retrying++;
                }
                if (outcome.unreachable()) {
                    // The others would wait for the same timeout: they stay due for the next run.
                    unreachable = true;
                    break;
                }
            }
            if (unreachable || due.size() < BATCH || Thread.currentThread().isInterrupted()) {
                break;
            }
        }
        if (attempted > 0) {
            log.info("notice delivery run: {} attempted, {} delivered, {} failed, {} to retry",
                    attempted, delivered, failed, retrying);
        }
        return new Run(attempted, delivered, failed, retrying);
    }

    /** The state of a purchase's notice, or null when there is no such purchase. */
    public State state(UUID purchaseId) {
        Row row = database.inTransaction(connection -> read(connection, purchaseId));
        return row == null ? null : row.state();
    }

    /** The wait after {@code attempts} failed attempts: 1 s, 2 s, 4 s … capped at {@link #MAX_BACKOFF}. */
    static Duration backoff(int attempts) {
        if (attempts <= 1) {
            return Duration.ofSeconds(1);
        }
        if (attempts > 20) {
            return MAX_BACKOFF;
        }
        Duration wait = Duration.ofSeconds(1L << (attempts - 1));
        return wait.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : wait;
    }

    // ---- One attempt ----

    /** Claims, sends and settles one row. Null when another attempt claimed it first. */
    private Outcome attempt(Row row, Duration timeout) {
        int attempts = row.attempts() + 1;
        // The claim holds while the attempt may last; if this instance dies, the row falls due after it.
        Instant leaseEnd = clock.instant().plus(timeout).plus(LEASE_MARGIN);
        boolean claimed = database.inTransaction(connection -> {
            try (PreparedStatement claim = connection.prepareStatement(
                    "UPDATE notification_outbox SET attempts = ?, next_attempt_at = ?"
                            + " WHERE purchase_id = ? AND state = 'PENDING' AND next_attempt_at = ?")) {
                claim.setInt(1, attempts);
                claim.setObject(2, Database.utc(leaseEnd));
                claim.setString(3, row.purchaseId().toString());
                claim.setObject(4, row.nextAttemptAtAsStored());
                return claim.executeUpdate() == 1;
            }
        });
        if (!claimed) {
            return null;
        }
        Outcome outcome = send(row.payload(), timeout);
        Instant retryAt = clock.instant().plus(backoff(attempts));
        settle(row.purchaseId(), outcome, retryAt);
        switch (outcome.state()) {
            case DELIVERED -> log.info("purchase {}: notice delivered to the e-money server (attempt {})",
                    row.purchaseId(), attempts);
            case FAILED -> log.warn("purchase {}: the e-money server refused the notice for good ({})", row.purchaseId(),
                    outcome.error());
            case PENDING -> log.warn("purchase {}: notice not delivered (attempt {}: {}); next attempt at {}",
                    row.purchaseId(), attempts, outcome.error(), retryAt);
        }
        return outcome;
    }

    /** {@code unreachable}: no answer at all (no connection, timeout), as opposed to an error answer. */
    private record Outcome(State state, String error, boolean unreachable) {

        Outcome(State state, String error) {
            this(state, error, false);
        }
    }

    private Outcome send(String payload, Duration timeout) {
        HttpRequest request = HttpRequest.newBuilder(preparations)
                .timeout(timeout)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(payload))
                .build();
        HttpResponse<String> response;
        try {
            response = http.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (HttpTimeoutException e) {
            return new Outcome(State.PENDING, "timed out after " + timeout.toMillis() + " ms", true);
        } catch (IOException e) {
            return new Outcome(State.PENDING, "not reachable: " + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : " " + e.getMessage()), true);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Outcome(State.PENDING, "interrupted", true);
        }
        int status = response.statusCode();
        if (status >= 200 && status < 300) {
            return new Outcome(State.DELIVERED, null);
        }
        ErrorCode code = errorCode(response.body());
        String error = "HTTP " + status + (code == null ? "" : " " + code);
        if (status >= 400 && status < 500 && code != null && FINAL.contains(code)) {
            return new Outcome(State.FAILED, error);
        }
        return new Outcome(State.PENDING, error);
    }

    private static ErrorCode errorCode(String body) {
        try {
            return Json.mapper().readValue(body, ErrorBody.class).code();
        } catch (JsonProcessingException | RuntimeException e) {
            return null;
        }
    }

    private void settle(UUID purchaseId, Outcome outcome, Instant retryAt) {
        String error = outcome.error() == null ? null
                : outcome.error().length() <= MAX_ERROR_LENGTH ? outcome.error() : outcome.error().substring(0, MAX_ERROR_LENGTH);
        database.inTransaction(connection -> {
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE notification_outbox SET state = ?, delivered_at = ?, last_error = ?, next_attempt_at = ?"
                            + " WHERE purchase_id = ? AND state = 'PENDING'")) {
                update.setString(1, outcome.state().name());
                update.setObject(2, outcome.state() == State.DELIVERED ? Database.utc(clock.instant()) : null, java.sql.Types.TIMESTAMP);
                update.setString(3, error);
                update.setObject(4, Database.utc(retryAt));
                update.setString(5, purchaseId.toString());
                if (update.executeUpdate() == 1 && outcome.state() == State.FAILED) {
                    reverse(connection, purchaseId, error);
                }
            }
            return null;
        });
    }

    /**
     * Billed, but the VALUE can never be prepared: give the money back in the same transaction that
     * marks the notice FAILED, so the card holder loses nothing.
     */
    private void reverse(Connection connection, UUID purchaseId, String reason) throws SQLException {
        try (PreparedStatement mark = connection.prepareStatement(
                "UPDATE billing_records SET reversed_at = ?, reversal_reason = ? WHERE purchase_id = ? AND reversed_at IS NULL")) {
            mark.setObject(1, Database.utc(clock.instant()));
            mark.setString(2, reason);
            mark.setString(3, purchaseId.toString());
            if (mark.executeUpdate() != 1) {
                return;
            }
        }
        for (String restore : new String[] {
            "UPDATE card_accounts SET credit_used = credit_used - (SELECT amount FROM billing_records WHERE purchase_id = ?)"
                    + " WHERE account_type = 'CREDIT' AND card_number = (SELECT card_number FROM billing_records WHERE purchase_id = ?)",
            "UPDATE card_accounts SET bank_balance = bank_balance + (SELECT amount FROM billing_records WHERE purchase_id = ?)"
                    + " WHERE account_type = 'BANK' AND card_number = (SELECT card_number FROM billing_records WHERE purchase_id = ?)"}) {
            try (PreparedStatement update = connection.prepareStatement(restore)) {
                update.setString(1, purchaseId.toString());
                update.setString(2, purchaseId.toString());
                update.executeUpdate();
            }
        }
        log.warn("purchase {} reversed: the e-money server refused its VALUE for good ({}); the card's quota is restored",
                purchaseId, reason);
    }

    // ---- Rows ----

    private record Row(UUID purchaseId, String payload, State state, int attempts, LocalDateTime nextAttemptAtAsStored) {

        Instant nextAttemptAt() {
            return nextAttemptAtAsStored.toInstant(ZoneOffset.UTC);
        }
    }

    private static final String COLUMNS = "SELECT purchase_id, payload, state, attempts, next_attempt_at FROM notification_outbox";

    private static Row read(Connection connection, UUID purchaseId) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(COLUMNS + " WHERE purchase_id = ?")) {
            select.setString(1, purchaseId.toString());
            try (ResultSet rows = select.executeQuery()) {
                return rows.next() ? row(rows) : null;
            }
        }
    }

    private static List<Row> due(Connection connection, Instant now) throws SQLException {
        List<Row> due = new ArrayList<>();
        try (PreparedStatement select = connection.prepareStatement(COLUMNS
                + " WHERE state = 'PENDING' AND next_attempt_at <= ? ORDER BY next_attempt_at, purchase_id LIMIT " + BATCH)) {
            select.setObject(1, Database.utc(now));
            try (ResultSet rows = select.executeQuery()) {
                while (rows.next()) {
                    due.add(row(rows));
                }
            }
        }
        return due;
    }

    private static Row row(ResultSet rows) throws SQLException {
        return new Row(UUID.fromString(rows.getString(1)), rows.getString(2), State.valueOf(rows.getString(3)),
                rows.getInt(4), rows.getObject(5, LocalDateTime.class));
    }
}
