package com.valuekiosk.kiosk.app.config;

import com.valuekiosk.kiosk.app.StartupWork;
import com.valuekiosk.kiosk.client.KioskTls;
import com.valuekiosk.pki.PkiException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.cert.X509Certificate;
import java.util.Arrays;
import java.util.Collections;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

/**
 * The kiosk's secrets, apart from its settings: the key store password (read from its own file only when the
 * stores are opened, wiped after use) and the key and trust stores the kiosk signs in to the servers with.
 * {@link #openTls()} checks that the certificate was issued to the configured terminal id.
 */
public final class TerminalCredentials {

    private final String terminalId;
    private final Path keyStore;
    private final Path passwordFile;
    private final Path trustStore;

    TerminalCredentials(String terminalId, Path keyStore, Path passwordFile, Path trustStore) {
        this.terminalId = Objects.requireNonNull(terminalId, "terminalId");
        this.keyStore = Objects.requireNonNull(keyStore, "keyStore");
        this.passwordFile = Objects.requireNonNull(passwordFile, "passwordFile");
        this.trustStore = Objects.requireNonNull(trustStore, "trustStore");
    }

    /** Refuses a password file that other users can read. */
    static void checkOwnerOnly(Path passwordFile) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(passwordFile);
            if (permissions.contains(PosixFilePermission.GROUP_READ) || permissions.contains(PosixFilePermission.OTHERS_READ)) {
                throw new KioskConfigException(KioskConfig.TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " can be read by"
                        + " other users; make it readable by the kiosk user only (chmod 600)");
            }
        } catch (UnsupportedOperationException notPosix) {
            // Windows: the file's ACL is the administrator's business.
        } catch (IOException e) {
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE_PASSWORD_FILE, "cannot read the permissions of "
                    + passwordFile);
        }
    }

    /**
     * The key store password: the first line of the password file. The caller wipes the array after use.
     */
    public char[] readStorePassword() {
        byte[] bytes;
        try {
            bytes = Files.readAllBytes(passwordFile);
        } catch (IOException e) {
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE_PASSWORD_FILE, "cannot read " + passwordFile + ": "
                    + e.getMessage());
        }
        try {
            CharBuffer decoded = StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes));
            int end = 0;
            while (end < decoded.limit() && decoded.get(end) != '\n' && decoded.get(end) != '\r') {
                end++;
            }
            char[] password = new char[end];
            decoded.get(password, 0, end);
            Arrays.fill(decoded.array(), '\0');
            if (password.length == 0) {
                throw new KioskConfigException(KioskConfig.TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " is empty; its"
                        + " first line must be the key store password");
            }
            return password;
        } catch (CharacterCodingException e) {
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE_PASSWORD_FILE, passwordFile + " is not UTF-8 text");
        } finally {
            Arrays.fill(bytes, (byte) 0);
        }
    }

    /**
     * Opens the key store and the trust store with the password from the password file, checks that the key
     * store holds the terminal's key with a certificate issued to the terminal id and that the trust store
     * holds a certificate, and builds the kiosk's TLS from them. The password is wiped afterwards.
     *
     * <p>Each PKCS12 store costs a password derivation of 10,000 rounds per part (its integrity, its certificates,
     * the key): each is read once, the trust store on a thread of its own while the key store is read and checked
     * here, and the TLS context is made from what was read (start-up, issue #16).
     */
    public KioskTls openTls() {
        char[] password = readStorePassword();
        CompletableFuture<KeyStore> trustedStore = new CompletableFuture<>();
        Thread reader = new Thread(() -> {
            try {
                trustedStore.complete(open(KioskConfig.TLS_TRUSTSTORE, trustStore, password));
            } catch (RuntimeException | Error e) {
                trustedStore.completeExceptionally(e);
            }
        }, "kiosk-truststore");
        reader.setDaemon(true);
        reader.start();
        try {
            KeyStore keys = open(KioskConfig.TLS_KEYSTORE, keyStore, password);
            String commonName = commonName(terminalCertificate(keys));
            if (!terminalId.equals(commonName)) {
                throw new KioskConfigException(KioskConfig.TERMINAL_ID, "is " + terminalId + " but the certificate in"
                        + " tls.keystore (" + keyStore + ") was issued to " + commonName
                        + "; the servers know the kiosk by its certificate");
            }
            KeyStore trusted = StartupWork.join(trustedStore);
            if (!hasCertificate(trusted)) {
                throw new KioskConfigException(KioskConfig.TLS_TRUSTSTORE, trustStore + " holds no certificate to trust");
            }
            try {
                return KioskTls.fromStores(keys, keyStore, password, trusted, trustStore);
            } catch (PkiException e) {
                throw new KioskConfigException(KioskConfig.TLS_KEYSTORE, "cannot be used for TLS: " + e.getMessage());
            }
        } finally {
            // The reader uses the password too: wiped only when it is done with it.
            try {
                trustedStore.exceptionally(e -> null).join();
            } finally {
                Arrays.fill(password, '\0');
            }
        }
    }

    private static KeyStore open(String setting, Path file, char[] password) {
        try (InputStream in = Files.newInputStream(file)) {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(in, password);
            return store;
        } catch (IOException | GeneralSecurityException e) {
            // Wrong password and damaged file look alike to PKCS12; say both.
            throw new KioskConfigException(setting, "cannot open " + file + " as a PKCS12 store with the password"
                    + " from tls.keystore.password.file (wrong password, or not a PKCS12 file)");
        }
    }

    private X509Certificate terminalCertificate(KeyStore keys) {
        try {
            for (String alias : Collections.list(keys.aliases())) {
                if (keys.isKeyEntry(alias) && keys.getCertificate(alias) instanceof X509Certificate certificate) {
                    return certificate;
                }
            }
        } catch (KeyStoreException e) {
            throw new KioskConfigException(KioskConfig.TLS_KEYSTORE, "cannot list the entries of " + keyStore);
        }
        throw new KioskConfigException(KioskConfig.TLS_KEYSTORE, keyStore + " holds no private key with a certificate");
    }

    private static boolean hasCertificate(KeyStore store) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.getCertificate(alias) != null) {
                    return true;
                }
            }
            return false;
        } catch (KeyStoreException e) {
            return false;
        }
    }

    private static String commonName(X509Certificate certificate) {
        try {
            for (Rdn rdn : new LdapName(certificate.getSubjectX500Principal().getName()).getRdns()) {
                if (rdn.getType().equalsIgnoreCase("CN")) {
                    return rdn.getValue().toString();
                }
            }
        } catch (InvalidNameException e) {
            // fall through: no usable name
        }
        return "(no common name)";
    }
}
