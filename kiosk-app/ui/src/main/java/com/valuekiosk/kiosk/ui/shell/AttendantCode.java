package com.valuekiosk.kiosk.ui.shell;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Objects;

/**
 * The attendant's code that leaves kiosk mode (R-KI2). The kiosk keeps only a slow salted hash of it:
 * Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes) in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the same as the e-money server's password hashes.
 * The hashing, the reading of a stored hash and the constant-time check are Password4j's; this class holds
 * the parameters of new hashes, the minimums a stored one must meet, and the lock.
 * {@link #hash(char[])} makes that text for the site's configuration; {@link #matches(char[])} checks a
 * typed code in constant time. After {@value #ATTEMPTS_BEFORE_LOCK} wrong codes in a row nothing is
 * checked for {@link #LOCK}, so that the code cannot be guessed at the screen. Every char[] handed in is
 * wiped, and so are the bytes made from it. Thread-safe.
 */
public final class AttendantCode {

    public static final int ATTEMPTS_BEFORE_LOCK = 5;
    public static final Duration LOCK = Duration.ofMinutes(5);

    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int PARALLELISM = 1;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final String PHC_PREFIX = "$argon2id$v=19$";

    private final Clock clock;
    private final byte[] encoded;
    private final Argon2Function argon2;

    private int wrongInARow;
    private Instant lockedUntil;

    /** {@code encoded}: a {@link #hash(char[])} result; anything else is refused here, not at the first check. */
    public AttendantCode(String encoded, Clock clock) {
        Objects.requireNonNull(encoded, "encoded");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!encoded.startsWith(PHC_PREFIX) || encoded.split("\\$", -1).length != 6) {
            throw new IllegalArgumentException("not an Argon2id hash in PHC form ($argon2id$v=19$m=..,t=..,p=..$salt$hash)");
        }
        try {
            argon2 = Argon2Function.getInstanceFromHash(encoded);
        } catch (RuntimeException e) {
            throw new IllegalArgumentException("malformed Argon2id hash: " + e.getMessage(), e);
        }
        if (argon2.getMemory() < 8 * argon2.getParallelism() || argon2.getIterations() < 1 || argon2.getParallelism() < 1
                || argon2.getOutputLength() < 16) {
            throw new IllegalArgumentException("Argon2id parameters out of range (m, t, p or hash too small)");
        }
        this.encoded = encoded.getBytes(StandardCharsets.US_ASCII);
    }

    /** With the system clock. */
    public static AttendantCode of(String encoded) {
        return new AttendantCode(encoded, Clock.systemUTC());
    }

    /** The stored form of {@code code} (a fresh salt each time); {@code code} is wiped. */
    public static String hash(char[] code) {
        Objects.requireNonNull(code, "code");
        byte[] secret = null;
        try {
            if (code.length == 0) {
                throw new IllegalArgumentException("an empty attendant code");
            }
            secret = utf8(code);
            return Password.hash(secret).addRandomSalt(SALT_BYTES)
                    .with(Argon2Function.getInstance(MEMORY_KIB, ITERATIONS, PARALLELISM, HASH_BYTES, Argon2.ID,
                            Argon2Function.ARGON2_VERSION_13))
                    .getResult();
        } finally {
            Arrays.fill(code, '\0');
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    /**
     * Whether {@code typed} is the code; always false while locked. {@code typed} is wiped. Slow (the hash):
     * call it off the FX thread.
     */
    public synchronized boolean matches(char[] typed) {
        Objects.requireNonNull(typed, "typed");
        byte[] secret = null;
        try {
            if (isLocked()) {
                return false;
            }
            secret = utf8(typed);
            boolean right = checks(secret);
            if (right) {
                wrongInARow = 0;
            } else if (++wrongInARow >= ATTEMPTS_BEFORE_LOCK) {
                wrongInARow = 0;
                lockedUntil = clock.instant().plus(LOCK);
            }
            return right;
        } finally {
            Arrays.fill(typed, '\0');
            if (secret != null) {
                Arrays.fill(secret, (byte) 0);
            }
        }
    }

    /** Password4j compares the hashes in constant time; a hash it cannot read matches nothing. */
    private boolean checks(byte[] secret) {
        try {
            return argon2.check(secret, encoded);
        } catch (RuntimeException unreadable) {
            return false;
        }
    }

    /** True for {@link #LOCK} after the {@value #ATTEMPTS_BEFORE_LOCK}th wrong code in a row. */
    public synchronized boolean isLocked() {
        return lockedUntil != null && clock.instant().isBefore(lockedUntil);
    }

    /** The code's UTF-8 bytes, with the encoder's buffer wiped. */
    private static byte[] utf8(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }
}
