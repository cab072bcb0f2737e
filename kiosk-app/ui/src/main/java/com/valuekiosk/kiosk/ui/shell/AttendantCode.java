package com.valuekiosk.kiosk.ui.shell;

import com.valuekiosk.pki.Argon2id;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The attendant's code that leaves kiosk mode (R-KI2). The kiosk keeps only a slow salted hash of it:
 * Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes) in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the same as the e-money server's password hashes.
 * The hashing, the reading of a stored hash and the constant-time check are {@link Argon2id}'s (Bouncy Castle);
 * this class holds the stored hash, the minimums it must meet, and the lock.
 * {@link #hash(char[])} makes that text for the site's configuration; {@link #matches(char[])} checks a
 * typed code in constant time. After {@value #ATTEMPTS_BEFORE_LOCK} wrong codes in a row nothing is
 * checked for {@link #LOCK}, so that the code cannot be guessed at the screen. Every char[] handed in is
 * wiped, and so are the bytes made from it. Thread-safe.
 */
public final class AttendantCode {

    public static final int ATTEMPTS_BEFORE_LOCK = 5;
    public static final Duration LOCK = Duration.ofMinutes(5);

    private final Clock clock;
    private final String encoded;

    private int wrongInARow;
    private Instant lockedUntil;

    /** {@code encoded}: a {@link #hash(char[])} result; anything else is refused here, not at the first check. */
    public AttendantCode(String encoded, Clock clock) {
        Objects.requireNonNull(encoded, "encoded");
        this.clock = Objects.requireNonNull(clock, "clock");
        try {
            Argon2id.parameters(encoded); // read once now: a hash the kiosk cannot use is refused at start
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed attendant code hash: " + e.getMessage(), e);
        }
        this.encoded = encoded;
    }

    /** With the system clock. */
    public static AttendantCode of(String encoded) {
        return new AttendantCode(encoded, Clock.systemUTC());
    }

    /** The stored form of {@code code} (a fresh salt each time); {@code code} is wiped. */
    public static String hash(char[] code) {
        Objects.requireNonNull(code, "code");
        try {
            if (code.length == 0) {
                throw new IllegalArgumentException("an empty attendant code");
            }
            return Argon2id.hash(code, Argon2id.OWASP_MINIMUM);
        } finally {
            Arrays.fill(code, '\0');
        }
    }

    /**
     * Whether {@code typed} is the code; always false while locked. {@code typed} is wiped. Slow (the hash):
     * call it off the FX thread.
     */
    public synchronized boolean matches(char[] typed) {
        Objects.requireNonNull(typed, "typed");
        try {
            if (isLocked()) {
                return false;
            }
            boolean right = Argon2id.matches(typed, encoded); // constant time; its working memory freed at the end
            if (right) {
                wrongInARow = 0;
            } else if (++wrongInARow >= ATTEMPTS_BEFORE_LOCK) {
                wrongInARow = 0;
                lockedUntil = clock.instant().plus(LOCK);
            }
            return right;
        } finally {
            Arrays.fill(typed, '\0');
        }
    }

    /** True for {@link #LOCK} after the {@value #ATTEMPTS_BEFORE_LOCK}th wrong code in a row. */
    public synchronized boolean isLocked() {
        return lockedUntil != null && clock.instant().isBefore(lockedUntil);
    }
}
