package com.valuekiosk.pki;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;

/**
 * Slow salted hashes of secrets that people type (e-money passwords, the kiosk's attendant code): Argon2id
 * (RFC 9106), computed by Bouncy Castle, in the PHC string format
 * {@code $argon2id$v=19$m=<KiB>,t=<passes>,p=<lanes>$<salt>$<hash>} (salt and hash in Base64 without padding).
 * A stored hash is checked with the parameters written in it, so that new hashes can use higher ones without
 * breaking those already stored.
 *
 * <p>The working memory (19 MiB with {@link #OWASP_MINIMUM}) lives only while one hash is computed: nothing of
 * it stays in the heap between checks, which matters on a kiosk that holds its attendant code's hash all day.
 */
public final class Argon2id {

    /** Cost parameters of new hashes; the salt and hash lengths are what the PHC string carries. */
    public record Parameters(int memoryKib, int iterations, int parallelism, int saltBytes, int hashBytes) {

        public Parameters {
            if (parallelism < 1 || parallelism > MAX_PARALLELISM || memoryKib < 8 * parallelism || memoryKib > MAX_MEMORY_KIB
                    || iterations < 1 || iterations > MAX_ITERATIONS || saltBytes < 8 || saltBytes > MAX_BYTES
                    || hashBytes < 16 || hashBytes > MAX_BYTES) {
                throw new IllegalArgumentException("Argon2id parameters out of range (m " + memoryKib + " KiB, t " + iterations
                        + ", p " + parallelism + ", salt " + saltBytes + " bytes, hash " + hashBytes + " bytes)");
            }
        }
    }

    /** OWASP's minimum for Argon2id: 19 MiB, 2 passes, 1 lane; 16-byte salt, 32-byte hash. */
    public static final Parameters OWASP_MINIMUM = new Parameters(19 * 1024, 2, 1, 16, 32);

    /**
     * Bounds on what a stored hash may ask for, so that a hostile or corrupt one cannot make a check take
     * gigabytes or hours: RFC 9106 allows far more than any of our hashes uses.
     */
    static final int MAX_MEMORY_KIB = 1024 * 1024;
    static final int MAX_ITERATIONS = 64;
    static final int MAX_PARALLELISM = 16;
    static final int MAX_BYTES = 64;

    private static final Pattern PHC = Pattern.compile(
            "\\$argon2id\\$v=19\\$m=(\\d{1,7}),t=(\\d{1,3}),p=(\\d{1,2})\\$([A-Za-z0-9+/]+)\\$([A-Za-z0-9+/]+)");
    private static final Base64.Encoder BASE64 = Base64.getEncoder().withoutPadding();
    private static final SecureRandom RANDOM = new SecureRandom();

    private Argon2id() {
    }

    /**
     * The PHC string of {@code secret}'s UTF-8 bytes with a fresh random salt. The bytes are wiped after use; the
     * caller wipes {@code secret}.
     */
    public static String hash(char[] secret, Parameters parameters) {
        byte[] bytes = utf8(secret);
        try {
            return hash(bytes, parameters);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** As {@link #matches(byte[], String)} for {@code secret}'s UTF-8 bytes, which are wiped after use. */
    public static boolean matches(char[] secret, String encoded) {
        byte[] bytes = utf8(secret);
        try {
            return matches(bytes, encoded);
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /** The PHC string of {@code secret} with a fresh random salt. The caller wipes {@code secret}. */
    public static String hash(byte[] secret, Parameters parameters) {
        byte[] salt = new byte[parameters.saltBytes()];
        RANDOM.nextBytes(salt);
        byte[] hash = compute(secret, salt, parameters.memoryKib(), parameters.iterations(), parameters.parallelism(),
                parameters.hashBytes());
        return "$argon2id$v=19$m=" + parameters.memoryKib() + ",t=" + parameters.iterations() + ",p=" + parameters.parallelism()
                + "$" + BASE64.encodeToString(salt) + "$" + BASE64.encodeToString(hash);
    }

    /**
     * True when {@code secret} hashes to {@code encoded} (compared in constant time); false for another secret,
     * and for a malformed or foreign {@code encoded}.
     */
    public static boolean matches(byte[] secret, String encoded) {
        Stored stored;
        try {
            stored = parse(encoded);
        } catch (IllegalArgumentException malformed) {
            return false;
        }
        byte[] computed = compute(secret, stored.salt(), stored.parameters().memoryKib(), stored.parameters().iterations(),
                stored.parameters().parallelism(), stored.hash().length);
        try {
            return MessageDigest.isEqual(computed, stored.hash());
        } finally {
            Arrays.fill(computed, (byte) 0);
        }
    }

    /** The parameters {@code encoded} was made with; {@link IllegalArgumentException} when it is no Argon2id PHC string. */
    public static Parameters parameters(String encoded) {
        return parse(encoded).parameters();
    }

    private record Stored(Parameters parameters, byte[] salt, byte[] hash) {
    }

    private static Stored parse(String encoded) {
        if (encoded == null) {
            throw new IllegalArgumentException("no hash");
        }
        Matcher phc = PHC.matcher(encoded);
        if (!phc.matches()) {
            throw new IllegalArgumentException("not an Argon2id hash in PHC form ($argon2id$v=19$m=..,t=..,p=..$salt$hash)");
        }
        byte[] salt = Base64.getDecoder().decode(phc.group(4));
        byte[] hash = Base64.getDecoder().decode(phc.group(5));
        Parameters parameters = new Parameters(Integer.parseInt(phc.group(1)), Integer.parseInt(phc.group(2)),
                Integer.parseInt(phc.group(3)), salt.length, hash.length);
        return new Stored(parameters, salt, hash);
    }

    /** The UTF-8 bytes of {@code secret}, with the encoder's own buffer wiped. */
    private static byte[] utf8(char[] secret) {
        ByteBuffer encoded = StandardCharsets.UTF_8.encode(CharBuffer.wrap(secret));
        byte[] bytes = new byte[encoded.remaining()];
        encoded.get(bytes);
        Arrays.fill(encoded.array(), (byte) 0);
        return bytes;
    }

    private static byte[] compute(byte[] secret, byte[] salt, int memoryKib, int iterations, int parallelism, int length) {
        Argon2BytesGenerator generator = new Argon2BytesGenerator();
        generator.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id)
                .withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(memoryKib)
                .withIterations(iterations)
                .withParallelism(parallelism)
                .withSalt(salt)
                .build());
        byte[] out = new byte[length];
        generator.generateBytes(secret, out);
        return out;
    }
}
