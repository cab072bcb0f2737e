package com.valuekiosk.server.emoney.internal;

import com.valuekiosk.server.db.Database;
import com.valuekiosk.server.service.Refused;
import com.valuekiosk.wire.ErrorCode;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/**
 * The e-money card's password (FIG. 10A), when its user set one. Wrong passwords are counted;
 * the fifth in a row locks the card for a while. The count is committed on its own, before the
 * request fails, so that no retry pattern can reset it.
 *
 * <p>A card without a password needs no lock and no transaction of its own: {@link #isFree} reads
 * that inside the caller's transaction, and only a card with a password goes through
 * {@link #require}, which locks its row to count attempts.
 */
public final class PasswordCheck {

    public static final int ATTEMPTS_BEFORE_LOCK = 5;
    public static final Duration LOCK = Duration.ofMinutes(15);

    private final Database database;
    private final PasswordHasher hasher;
    private final Clock clock;

    public PasswordCheck(Database database, PasswordHasher hasher, Clock clock) {
        this.database = database;
        this.hasher = hasher;
        this.clock = clock;
    }

    /**
     * In the caller's transaction: true when the card has no password (any password sent is
     * ignored then); false when it has one, to be checked with {@link #require}. {@link Refused}
     * {@code CARD_UNKNOWN} for a card that is not registered.
     */
    public static boolean isFree(Connection connection, String cardNumber) throws SQLException {
        try (PreparedStatement select = connection.prepareStatement(
                "SELECT password_hash FROM emoney_users WHERE card_number = ?")) {
            select.setString(1, cardNumber);
            try (ResultSet row = select.executeQuery()) {
                if (!row.next()) {
                    throw new Refused(ErrorCode.CARD_UNKNOWN, "this e-money card is not registered");
                }
                return row.getString(1) == null;
            }
        }
    }

    /** Returns when the card is registered and the password (if the card has one) is right; {@link Refused} otherwise. */
    public void require(String cardNumber, String password) {
        Instant now = clock.instant();
        ErrorCode failure = database.inTransaction(connection -> {
            String hash;
            Instant lockedUntil;
            int failed;
            try (PreparedStatement select = connection.prepareStatement(
                    "SELECT password_hash, locked_until, failed_password_attempts FROM emoney_users WHERE card_number = ? FOR UPDATE")) {
                select.setString(1, cardNumber);
                try (ResultSet row = select.executeQuery()) {
                    if (!row.next()) {
                        return ErrorCode.CARD_UNKNOWN;
                    }
                    hash = row.getString(1);
                    lockedUntil = Database.instant(row, 2);
                    failed = row.getInt(3);
                }
            }
            if (hash == null) {
                return null;
            }
            if (lockedUntil != null && lockedUntil.isAfter(now)) {
                return ErrorCode.PASSWORD_LOCKED;
            }
            if (password == null) {
                return ErrorCode.PASSWORD_REQUIRED;
            }
            char[] chars = password.toCharArray();
            boolean right;
            try {
                right = hasher.matches(chars, hash);
            } finally {
                java.util.Arrays.fill(chars, '\0');
            }
            int attempts = right ? 0 : failed + 1;
            boolean lock = attempts >= ATTEMPTS_BEFORE_LOCK;
            try (PreparedStatement update = connection.prepareStatement(
                    "UPDATE emoney_users SET failed_password_attempts = ?, locked_until = ? WHERE card_number = ?")) {
                update.setInt(1, lock ? 0 : attempts);
                update.setObject(2, lock ? Database.utc(now.plus(LOCK)) : null, java.sql.Types.TIMESTAMP);
                update.setString(3, cardNumber);
                update.executeUpdate();
            }
            return right ? null : lock ? ErrorCode.PASSWORD_LOCKED : ErrorCode.PASSWORD_WRONG;
        });
        if (failure != null) {
            throw new Refused(failure, switch (failure) {
                case CARD_UNKNOWN -> "this e-money card is not registered";
                case PASSWORD_REQUIRED -> "this card has a password; send it";
                case PASSWORD_WRONG -> "wrong password";
                case PASSWORD_LOCKED -> "too many wrong passwords; the card is locked for " + LOCK.toMinutes() + " minutes";
                default -> failure.name();
            });
        }
    }
}
