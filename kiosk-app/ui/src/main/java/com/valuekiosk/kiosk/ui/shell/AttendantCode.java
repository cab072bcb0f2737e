package com.valuekiosk.kiosk.ui.shell;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.types.Argon2;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.Objects;

/**
 * The attendant's code that leaves kiosk mode (R-KI2). The kiosk keeps only a slow salted hash of it:
 * Argon2id (RFC 9106) with OWASP's minimum parameters (19 MiB, 2 passes) in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}), the same as the e-money server's password hashes.
 * The hashing is Password4j's; this class holds the parameters, the checks of a stored hash and the lock.
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
    private static final Base64.Decoder B64D = Base64.getDecoder();

    private final Clock clock;
    private final byte[] salt;
    private final byte[] expected;
    private final Argon2Function argon2;

    private int wrongInARow;
    private Instant lockedUntil;

    /** {@code encoded}: a {@link #hash(char[])} result; anything else is refused here, not at the first check. */
    public AttendantCode(String encoded, Clock clock) {
        Objects.requireNonNull(encoded, "encoded");
        this.clock = Objects.requireNonNull(clock, "clock");
        String[] parts = encoded.split("\\$");
        // "", "argon2id", "v=19", "m=..,t=..,p=..", salt, hash
        if (parts.length != 6 || !parts[0].isEmpty() || !parts[1].equals("argon2id") || !parts[2].equals("v=19")) {
            throw new IllegalArgumentException("not an Argon2id hash in PHC form ($argon2id$v=19$m=..,t=..,p=..$salt$hash)");
        }
        int m = 0;
        int t = 0;
        int p = 0;
        try {
            for (String parameter : parts[3].split(",")) {
                String[] pair = parameter.split("=", 2);
                int value = Integer.parseInt(pair[1]);
                switch (pair[0]) {
                    case "m" -> m = value;
                    case "t" -> t = value;
                    case "p" -> p = value;
                    default -> throw new IllegalArgumentException("unknown Argon2 parameter " + pair[0]);
                }
            }
            salt = B64D.decode(parts[4]);
            expected = B64D.decode(parts[5]);
        } catch (ArrayIndexOutOfBoundsException | IllegalArgumentException e) {
            throw new IllegalArgumentException("malformed Argon2id hash: " + e.getMessage(), e);
        }
        if (m < 8 * p || t < 1 || p < 1 || salt.length < 8 || expected.length < 16) {
            throw new IllegalArgumentException("Argon2id parameters out of range (m, t, p, salt or hash too small)");
        }
        argon2 = Argon2Function.getInstance(m, t, p, expected.length, Argon2.ID, Argon2Function.ARGON2_VERSION_13);
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
            boolean right = MessageDigest.isEqual(expected, argon2.hash(secret, salt).getBytes());
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
