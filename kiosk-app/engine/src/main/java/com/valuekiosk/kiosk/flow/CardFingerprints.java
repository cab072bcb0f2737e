package com.valuekiosk.kiosk.flow;

import com.valuekiosk.card.host.CardNumber;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Recognises a card again without writing its number down: an HMAC-SHA256 of the number under a
 * random key that never leaves this kiosk. The journal stores fingerprints and masked numbers;
 * someone reading it learns neither the number nor can test guesses without the key.
 */
public final class CardFingerprints {

    private final byte[] key;

    private CardFingerprints(byte[] key) {
        this.key = key;
    }

    /** Loads the kiosk's key from {@code file}, creating it (owner-only) on first use. */
    public static CardFingerprints openOrCreate(Path file) {
        try {
            if (!Files.exists(file)) {
                byte[] key = new byte[32];
                new SecureRandom().nextBytes(key);
                Files.createDirectories(file.toAbsolutePath().getParent());
                Path temporary = Files.createTempFile(file.toAbsolutePath().getParent(), "fingerprint", ".tmp");
                try {
                    Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-------"));
                } catch (UnsupportedOperationException notPosix) {
                    // Windows: the file inherits the data directory's ACL.
                }
                Files.write(temporary, key);
                Files.move(temporary, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
            }
            byte[] key = Files.readAllBytes(file);
            if (key.length != 32) {
                throw new IllegalStateException("card fingerprint key " + file + " is damaged (" + key.length + " bytes)");
            }
            return new CardFingerprints(key);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the card fingerprint key " + file, e);
        }
    }

    public String of(CardNumber card) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] digest = mac.doFinal(card.digits().getBytes(StandardCharsets.US_ASCII));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 unavailable", e);
        }
    }
}
