package com.valuekiosk.server.emoney.internal;

import com.password4j.Argon2Function;
import com.password4j.Password;
import com.password4j.SecureString;
import com.password4j.types.Argon2;

/**
 * E-money passwords as slow salted hashes: Argon2id (RFC 9106) in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), computed by password4j. New hashes use
 * OWASP's minimum parameters ({@link #OWASP_MINIMUM}: 19 MiB, 2 passes, 1 lane, 16-byte salt,
 * 32-byte hash). A stored hash is checked with the parameters written in it, so the parameters can
 * be raised later (another {@link Parameters}) without breaking the hashes already stored.
 */
public final class PasswordHasher {

    /** Argon2id cost parameters of new hashes. */
    public record Parameters(int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

        public Parameters {
            if (memoryKib < 8 * parallelism || iterations < 1 || parallelism < 1 || saltBytes < 8 || hashBytes < 16) {
                throw new IllegalArgumentException("Argon2id parameters below the RFC 9106 minimums");
            }
        }
    }

    /** OWASP's minimum for Argon2id, and what every hash stored so far was made with. */
    public static final Parameters OWASP_MINIMUM = new Parameters(19 * 1024, 2, 1, 16, 32);

    private final Parameters parameters;
    private final Argon2Function argon2;

    public PasswordHasher() {
        this(OWASP_MINIMUM);
    }

    public PasswordHasher(Parameters parameters) {
        this.parameters = parameters;
        this.argon2 = Argon2Function.getInstance(parameters.memoryKib(), parameters.iterations(), parameters.parallelism(),
                parameters.hashBytes(), Argon2.ID, Argon2Function.ARGON2_VERSION_13);
    }

    /** A PHC string of {@code password} with a fresh random salt. The caller wipes {@code password}. */
    public String hash(char[] password) {
        // SecureString wraps the caller's array: no second copy of the password is left behind.
        return Password.hash(new SecureString(password)).addRandomSalt(parameters.saltBytes()).with(argon2).getResult();
    }

    /** True when {@code password} matches {@code encoded}; false for a wrong password or a malformed or foreign hash. */
    public boolean matches(char[] password, String encoded) {
        if (encoded == null || !encoded.startsWith("$argon2id$v=19$")) {
            return false;
        }
        try {
            Argon2Function stored = Argon2Function.getInstanceFromHash(encoded);
            return Password.check(new SecureString(password), encoded).with(stored);
        } catch (RuntimeException e) {
            // Unparseable parameters, salt or hash: nothing matches it.
            return false;
        }
    }
}
