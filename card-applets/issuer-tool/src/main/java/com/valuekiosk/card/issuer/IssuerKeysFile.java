package com.valuekiosk.card.issuer;

import com.valuekiosk.card.host.Bytes;
import com.valuekiosk.card.host.IssuerMasterKeys;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;

/**
 * The issuer master keys file, the same format as the servers' {@code --issuer-keys}: a properties
 * file with {@code purchaseCryptogram}, {@code purseCredit} and {@code purseDebit} as 32 hex digits.
 * Error messages name the file and the entry, never a key.
 */
final class IssuerKeysFile {

    private IssuerKeysFile() {
    }

    static IssuerMasterKeys read(Path file) {
        Properties keys = new Properties();
        try (InputStream in = Files.newInputStream(file)) {
            keys.load(in);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read --issuer-keys " + file + ": " + e.getClass().getSimpleName());
        }
        return IssuerMasterKeys.of(key(file, keys, "purchaseCryptogram"), key(file, keys, "purseCredit"), key(file, keys, "purseDebit"));
    }

    private static byte[] key(Path file, Properties keys, String name) {
        String hex = keys.getProperty(name);
        if (hex == null || !hex.trim().matches("[0-9A-Fa-f]{32}")) {
            throw new IllegalArgumentException(file + ": " + name + " must be 32 hex digits (an AES-128 key)");
        }
        return Bytes.fromHex(hex.trim());
    }
}
