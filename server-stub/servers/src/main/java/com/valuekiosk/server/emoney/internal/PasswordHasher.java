package com.valuekiosk.server.emoney.internal;

import com.valuekiosk.pki.Argon2id;

/**
 * E-money passwords as slow salted hashes: Argon2id (RFC 9106) in the PHC string format
 * ({@code $argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>}), computed by {@link Argon2id}. New hashes use
 * OWASP's minimum parameters ({@link Argon2id#OWASP_MINIMUM}: 19 MiB, 2 passes, 1 lane, 16-byte salt,
 * 32-byte hash), what every hash stored so far was made with. A stored hash is checked with the
 * parameters written in it, so the parameters can be raised later without breaking the hashes
 * already stored. What is hashed is the password's UTF-8 bytes, wiped after use.
 */
public final class PasswordHasher {

    private final Argon2id.Parameters parameters;

    public PasswordHasher() {
        this(Argon2id.OWASP_MINIMUM);
    }

    public PasswordHasher(Argon2id.Parameters parameters) {
        this.parameters = parameters;
    }

    /** A PHC string of {@code password} with a fresh random salt. The caller wipes {@code password}. */
    public String hash(char[] password) {
        return Argon2id.hash(password, parameters);
    }

    /** True when {@code password} matches {@code encoded}; false for a wrong password or a malformed or foreign hash. */
    public boolean matches(char[] password, String encoded) {
        return Argon2id.matches(password, encoded);
    }
}
