package com.valuekiosk.pki;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * The development PKI: one CA and the certificates the servers, the kiosks and the tests use for
 * mutual TLS 1.3 (SPEC R-SV3). Everything lives in one directory:
 *
 * <table>
 *   <caption>Files of a development PKI</caption>
 *   <tr><th>file</th><th>content</th><th>alias</th></tr>
 *   <tr><td>{@value #CA_CERTIFICATE_PEM}</td><td>CA certificate, PEM</td><td></td></tr>
 *   <tr><td>{@value #CA_KEY_STORE}</td><td>CA private key and certificate, to issue more later</td>
 *       <td>{@value #CA_KEY_ALIAS}</td></tr>
 *   <tr><td>{@value #TRUST_STORE}</td><td>only the CA certificate</td><td>{@value #TRUSTED_CA_ALIAS}</td></tr>
 *   <tr><td>{@value #CREDIT_SERVER_KEY_STORE}, {@value #EMONEY_SERVER_KEY_STORE}</td>
 *       <td>server key, chain leaf + CA</td><td>{@value #SERVER_KEY_ALIAS}</td></tr>
 *   <tr><td>{@code terminal-<id>.p12}</td><td>terminal key, chain leaf + CA</td>
 *       <td>{@value #TERMINAL_KEY_ALIAS}</td></tr>
 *   <tr><td>{@code points-system-<name>.p12}</td><td>points system key, chain leaf + CA</td>
 *       <td>{@value #POINTS_SYSTEM_KEY_ALIAS}</td></tr>
 *   <tr><td>{@code monitor-<name>.p12}</td><td>monitoring system key (metrics scraper), chain leaf + CA</td>
 *       <td>{@value #MONITOR_KEY_ALIAS}</td></tr>
 * </table>
 *
 * <p>All key stores are PKCS12 files written by the JDK's own PKCS12 implementation, protected by the
 * one store password (the key entries use the same password), and readable with
 * {@code KeyStore.getInstance("PKCS12")} without BouncyCastle. Files are created owner-only
 * ({@code rw-------}) where the file system supports POSIX permissions, written to a temporary file
 * first and then moved into place, and never overwritten. Nothing here logs or prints key material.
 *
 * <p><strong>For development and tests only:</strong> the CA key sits next to the certificates it
 * signed and there is no revocation.
 *
 * <p>Instances are thread-safe.
 */
public final class DevPki {

    /**
     * The store password of development setups: <strong>development only</strong>. It is the
     * well-known JDK default and protects nothing; real deployments use their own PKI.
     */
    public static final String DEFAULT_PASSWORD = "changeit";

    /** File name of the CA certificate in PEM. */
    public static final String CA_CERTIFICATE_PEM = "ca.crt.pem";
    /** File name of the key store with the CA's private key. */
    public static final String CA_KEY_STORE = "ca.p12";
    /** File name of the trust store holding only the CA certificate. */
    public static final String TRUST_STORE = "truststore.p12";
    /** File name of the credit company server's key store. */
    public static final String CREDIT_SERVER_KEY_STORE = "credit-server.p12";
    /** File name of the e-money server's key store. */
    public static final String EMONEY_SERVER_KEY_STORE = "emoney-server.p12";

    /** Alias of the private key entry in {@value #CA_KEY_STORE}. */
    public static final String CA_KEY_ALIAS = "ca";
    /** Alias of the trusted certificate entry in {@value #TRUST_STORE}. */
    public static final String TRUSTED_CA_ALIAS = "valuekiosk-dev-ca";
    /** Alias of the private key entry in both server key stores. */
    public static final String SERVER_KEY_ALIAS = "server";
    /** Alias of the private key entry in terminal key stores. */
    public static final String TERMINAL_KEY_ALIAS = "terminal";
    /** Alias of the private key entry in points system key stores. */
    public static final String POINTS_SYSTEM_KEY_ALIAS = "points-system";
    /** Alias of the key entry in a monitoring system's key store. */
    public static final String MONITOR_KEY_ALIAS = "monitor";

    /** CN of the credit company server's certificate (its OU is the same). */
    public static final String CREDIT_SERVER_NAME = "credit-server";
    /** CN of the e-money server's certificate (its OU is the same). */
    public static final String EMONEY_SERVER_NAME = "emoney-server";

    private static final String TERMINAL_PREFIX = "terminal-";
    private static final String POINTS_SYSTEM_PREFIX = "points-system-";
    private static final String MONITOR_PREFIX = "monitor-";
    private static final String P12 = ".p12";
    private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");

    private final Path directory;
    private final char[] storePassword;
    private final X509Certificate caCertificate;
    private final PrivateKey caKey;
    private final CertificateIssuer issuer;

    private DevPki(Path directory, char[] storePassword, X509Certificate caCertificate, PrivateKey caKey,
            CertificateIssuer issuer) {
        this.directory = directory;
        this.storePassword = storePassword.clone();
        this.caCertificate = caCertificate;
        this.caKey = caKey;
        this.issuer = issuer;
    }

    /**
     * Creates a new CA, both server certificates and one certificate per terminal in
     * {@code directory}, creating the directory if absent.
     *
     * @param storePassword password of every key store written; copied, the caller may wipe it
     * @param terminalIds terminals to issue now (more can follow with {@link #issueTerminal})
     * @throws PkiException if a CA or any of the files to write already exists (nothing is
     *     overwritten), or a file cannot be written
     * @throws IllegalArgumentException if a terminal id is invalid or the password empty
     */
    public static DevPki create(Path directory, char[] storePassword, Collection<String> terminalIds) {
        return create(directory, storePassword, terminalIds, Clock.systemUTC());
    }

    static DevPki create(Path directory, char[] storePassword, Collection<String> terminalIds, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        requirePassword(storePassword);
        Set<String> terminals = validTerminalIds(terminalIds);
        Path dir = directory.toAbsolutePath().normalize();
        if (Files.exists(dir.resolve(CA_KEY_STORE)) || Files.exists(dir.resolve(CA_CERTIFICATE_PEM))) {
            throw new PkiException("A development CA already exists in " + dir + " (" + CA_KEY_STORE + " or "
                    + CA_CERTIFICATE_PEM + "): use DevPki.load or DevPki.createOrLoad, or choose an empty directory");
        }
        try {
            Files.createDirectories(dir);
        } catch (IOException e) {
            throw new PkiException("Cannot create the PKI directory " + dir, e);
        }
        List<String> files = new ArrayList<>(List.of(TRUST_STORE, CREDIT_SERVER_KEY_STORE,
                EMONEY_SERVER_KEY_STORE, CA_CERTIFICATE_PEM, CA_KEY_STORE));
        terminals.forEach(id -> files.add(terminalFileName(id)));
        for (String file : files) {
            if (Files.exists(dir.resolve(file))) {
                throw new PkiException("Refusing to overwrite " + dir.resolve(file)
                        + " while creating a new development PKI; choose an empty directory");
            }
        }

        CertificateIssuer issuer = new CertificateIssuer(new SecureRandom(), clock);
        KeyPair caKeys = issuer.newKeyPair();
        X509Certificate ca = issuer.selfSignedCa(caKeys);
        DevPki pki = new DevPki(dir, storePassword, ca, caKeys.getPrivate(), issuer);

        // The CA key store comes last: its presence means the directory is complete.
        pki.writeNew(TRUST_STORE, pki.trustStoreBytes());
        pki.writeNew(CREDIT_SERVER_KEY_STORE,
                pki.leafKeyStoreBytes(CertificateRole.CREDIT_SERVER, CREDIT_SERVER_NAME, SERVER_KEY_ALIAS));
        pki.writeNew(EMONEY_SERVER_KEY_STORE,
                pki.leafKeyStoreBytes(CertificateRole.EMONEY_SERVER, EMONEY_SERVER_NAME, SERVER_KEY_ALIAS));
        for (String id : terminals) {
            pki.writeNew(terminalFileName(id),
                    pki.leafKeyStoreBytes(CertificateRole.TERMINAL, id, TERMINAL_KEY_ALIAS));
        }
        pki.writeNew(CA_CERTIFICATE_PEM, pem(ca));
        pki.writeNew(CA_KEY_STORE, pki.keyStoreBytes(CA_KEY_ALIAS, caKeys.getPrivate(), new X509Certificate[] {ca}));
        return pki;
    }

    /**
     * Loads an existing PKI directory, checking that the files belong together: the PEM and the
     * trust store hold the CA of {@value #CA_KEY_STORE}, and both server certificates were signed by it.
     *
     * @throws PkiException naming the missing file, or the file that cannot be read or does not match
     */
    public static DevPki load(Path directory, char[] storePassword) {
        return load(directory, storePassword, Clock.systemUTC());
    }

    static DevPki load(Path directory, char[] storePassword, Clock clock) {
        Objects.requireNonNull(directory, "directory");
        requirePassword(storePassword);
        Path dir = directory.toAbsolutePath().normalize();
        if (!Files.isDirectory(dir)) {
            throw new PkiException("Development PKI directory " + dir + " does not exist");
        }
        for (String file : List.of(CA_KEY_STORE, CA_CERTIFICATE_PEM, TRUST_STORE, CREDIT_SERVER_KEY_STORE,
                EMONEY_SERVER_KEY_STORE)) {
            if (!Files.isRegularFile(dir.resolve(file))) {
                throw new PkiException("Development PKI in " + dir + " is incomplete: " + file
                        + " is missing (DevPki.create makes a new one in an empty directory)");
            }
        }

        Path caStorePath = dir.resolve(CA_KEY_STORE);
        KeyStore caStore = TlsContexts.load(caStorePath, storePassword);
        PrivateKey caKey;
        X509Certificate ca;
        try {
            Key key = caStore.getKey(CA_KEY_ALIAS, storePassword);
            Certificate certificate = caStore.getCertificate(CA_KEY_ALIAS);
            if (!(key instanceof PrivateKey privateKey) || !(certificate instanceof X509Certificate x509)) {
                throw new PkiException(caStorePath + " has no private key entry '" + CA_KEY_ALIAS + "'");
            }
            caKey = privateKey;
            ca = x509;
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read the CA key from " + caStorePath + ": " + e.getMessage(), e);
        }

        Path pemPath = dir.resolve(CA_CERTIFICATE_PEM);
        if (!ca.equals(readCertificate(pemPath))) {
            throw new PkiException(pemPath + " does not hold the CA certificate of " + caStorePath);
        }
        Path trustStorePath = dir.resolve(TRUST_STORE);
        try {
            if (TlsContexts.load(trustStorePath, storePassword).getCertificateAlias(ca) == null) {
                throw new PkiException(trustStorePath + " does not trust the CA certificate of " + caStorePath);
            }
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read " + trustStorePath + ": " + e.getMessage(), e);
        }
        for (String server : List.of(CREDIT_SERVER_KEY_STORE, EMONEY_SERVER_KEY_STORE)) {
            requireIssuedBy(ca, dir.resolve(server), SERVER_KEY_ALIAS, storePassword);
        }
        return new DevPki(dir, storePassword, ca, caKey, new CertificateIssuer(new SecureRandom(), clock));
    }

    /**
     * Loads the PKI in {@code directory} if it has a CA ({@value #CA_KEY_STORE}), otherwise creates
     * one. Either way, every terminal in {@code terminalIds} has a certificate afterwards: missing ones
     * are issued, existing ones are left alone.
     */
    public static DevPki createOrLoad(Path directory, char[] storePassword, Collection<String> terminalIds) {
        Objects.requireNonNull(directory, "directory");
        Set<String> terminals = validTerminalIds(terminalIds);
        if (!Files.exists(directory.resolve(CA_KEY_STORE))) {
            return create(directory, storePassword, terminals);
        }
        DevPki pki = load(directory, storePassword);
        terminals.forEach(pki::issueTerminal);
        return pki;
    }

    /**
     * Issues a certificate for one more terminal (CN = the terminal id, OU = {@code terminals},
     * clientAuth). Idempotent: if the terminal already has a key store, that file is returned untouched.
     *
     * @return the terminal's key store, {@code terminal-<id>.p12}
     * @throws IllegalArgumentException if the id is not exactly 8 ASCII letters, digits or hyphens
     */
    public synchronized Path issueTerminal(String terminalId) {
        Names.requireValidTerminalId(terminalId);
        return issueIfAbsent(terminalFileName(terminalId), CertificateRole.TERMINAL, terminalId, TERMINAL_KEY_ALIAS);
    }

    /**
     * Issues a client certificate for a points system (CN = {@code name}, OU = {@code points-system},
     * clientAuth). Idempotent like {@link #issueTerminal}.
     *
     * @return the points system's key store, {@code points-system-<name>.p12}
     * @throws IllegalArgumentException if the name is not 1 to 64 ASCII letters, digits or hyphens
     */
    public synchronized Path issuePointsSystem(String name) {
        Names.requireValidPointsSystemName(name);
        return issueIfAbsent(POINTS_SYSTEM_PREFIX + name + P12, CertificateRole.POINTS_SYSTEM, name,
                POINTS_SYSTEM_KEY_ALIAS);
    }

    /**
     * Issues a client certificate for a monitoring system that scrapes the servers' metrics (CN = {@code name},
     * OU = {@code monitors}, clientAuth). Idempotent like {@link #issueTerminal}.
     *
     * @return the monitor's key store, {@code monitor-<name>.p12}
     * @throws IllegalArgumentException if the name is not 1 to 64 ASCII letters, digits or hyphens
     */
    public synchronized Path issueMonitor(String name) {
        Names.requireValidMonitorName(name);
        return issueIfAbsent(MONITOR_PREFIX + name + P12, CertificateRole.MONITOR, name, MONITOR_KEY_ALIAS);
    }

    /** The PKI directory (absolute). */
    public Path directory() {
        return directory;
    }

    /** The CA certificate in PEM, {@value #CA_CERTIFICATE_PEM}. */
    public Path caCertificatePem() {
        return directory.resolve(CA_CERTIFICATE_PEM);
    }

    /** The trust store holding only the CA certificate, {@value #TRUST_STORE}. */
    public Path trustStore() {
        return directory.resolve(TRUST_STORE);
    }

    /** The credit company server's key store, {@value #CREDIT_SERVER_KEY_STORE}. */
    public Path creditServerKeyStore() {
        return directory.resolve(CREDIT_SERVER_KEY_STORE);
    }

    /** The e-money server's key store, {@value #EMONEY_SERVER_KEY_STORE}. */
    public Path emoneyServerKeyStore() {
        return directory.resolve(EMONEY_SERVER_KEY_STORE);
    }

    /**
     * The key store of a terminal that has been issued.
     *
     * @throws PkiException if the terminal has no certificate in this PKI
     * @throws IllegalArgumentException if the id is not a valid terminal id
     */
    public Path terminalKeyStore(String terminalId) {
        Names.requireValidTerminalId(terminalId);
        Path file = directory.resolve(terminalFileName(terminalId));
        if (!Files.isRegularFile(file)) {
            throw new PkiException("Terminal " + Names.quoted(terminalId) + " has no certificate in " + directory
                    + " (expected " + file.getFileName() + "); issue one with DevPki.issueTerminal");
        }
        return file;
    }

    /**
     * The key store of a points system that has been issued.
     *
     * @throws PkiException if the points system has no certificate in this PKI
     */
    public Path pointsSystemKeyStore(String name) {
        Names.requireValidPointsSystemName(name);
        Path file = directory.resolve(POINTS_SYSTEM_PREFIX + name + P12);
        if (!Files.isRegularFile(file)) {
            throw new PkiException("Points system " + Names.quoted(name) + " has no certificate in " + directory
                    + " (expected " + file.getFileName() + "); issue one with DevPki.issuePointsSystem");
        }
        return file;
    }

    /**
     * The key store of a monitoring system that has been issued.
     *
     * @throws PkiException if the monitor has no certificate in this PKI
     */
    public Path monitorKeyStore(String name) {
        Names.requireValidMonitorName(name);
        Path file = directory.resolve(MONITOR_PREFIX + name + P12);
        if (!Files.isRegularFile(file)) {
            throw new PkiException("Monitor " + Names.quoted(name) + " has no certificate in " + directory
                    + " (expected " + file.getFileName() + "); issue one with DevPki.issueMonitor");
        }
        return file;
    }

    /** A copy of the store password; the caller may wipe it after use. */
    public char[] storePassword() {
        return storePassword.clone();
    }

    public X509Certificate caCertificate() {
        return caCertificate;
    }

    private Path issueIfAbsent(String fileName, CertificateRole role, String commonName, String alias) {
        Path file = directory.resolve(fileName);
        if (Files.exists(file)) {
            return file;
        }
        try {
            writeNew(fileName, leafKeyStoreBytes(role, commonName, alias));
        } catch (AlreadyThere e) {
            // Another process issued it between our check and our move: theirs stands.
        }
        return file;
    }

    private byte[] leafKeyStoreBytes(CertificateRole role, String commonName, String alias) {
        KeyPair keys = issuer.newKeyPair();
        X509Certificate leaf = issuer.issue(role, commonName, keys.getPublic(), caCertificate, caKey);
        return keyStoreBytes(alias, keys.getPrivate(), new X509Certificate[] {leaf, caCertificate});
    }

    private byte[] keyStoreBytes(String alias, PrivateKey key, X509Certificate[] chain) {
        try {
            KeyStore store = emptyPkcs12();
            store.setKeyEntry(alias, key, storePassword, chain);
            return bytes(store);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot build a PKCS12 key store entry '" + alias + "'", e);
        }
    }

    private byte[] trustStoreBytes() {
        try {
            KeyStore store = emptyPkcs12();
            store.setCertificateEntry(TRUSTED_CA_ALIAS, caCertificate);
            return bytes(store);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot build the PKCS12 trust store", e);
        }
    }

    private static KeyStore emptyPkcs12() throws GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try {
            store.load(null, null);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return store;
    }

    private byte[] bytes(KeyStore store) throws GeneralSecurityException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            store.store(out, storePassword);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A file that appeared while we were writing ours. */
    private static final class AlreadyThere extends PkiException {
        AlreadyThere(Path file, Throwable cause) {
            super("Refusing to overwrite " + file + ", which appeared while the development PKI was writing it",
                    cause);
        }
    }

    /**
     * Writes {@code content} to a new owner-only temporary file in the PKI directory and moves it to
     * {@code fileName}; never replaces an existing file. Wipes {@code content} afterwards.
     */
    private void writeNew(String fileName, byte[] content) {
        Path target = directory.resolve(fileName);
        Path temporary = null;
        try {
            temporary = Files.createTempFile(directory, "." + fileName + "-", ".tmp", ownerOnly());
            try (FileChannel channel = FileChannel.open(temporary, StandardOpenOption.WRITE,
                    StandardOpenOption.TRUNCATE_EXISTING)) {
                ByteBuffer buffer = ByteBuffer.wrap(content);
                while (buffer.hasRemaining()) {
                    channel.write(buffer);
                }
                channel.force(true);
            }
            Files.move(temporary, target);
        } catch (FileAlreadyExistsException e) {
            throw new AlreadyThere(target, e);
        } catch (IOException e) {
            throw new PkiException("Cannot write " + target + ": " + e.getMessage(), e);
        } finally {
            Arrays.fill(content, (byte) 0);
            if (temporary != null) {
                try {
                    Files.deleteIfExists(temporary);
                } catch (IOException ignored) {
                    // Left behind only if the directory itself became unwritable; it holds no clear key.
                }
            }
        }
    }

    private FileAttribute<?>[] ownerOnly() {
        if (directory.getFileSystem().supportedFileAttributeViews().contains("posix")) {
            return new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(OWNER_ONLY)};
        }
        return new FileAttribute<?>[0];
    }

    private static void requireIssuedBy(X509Certificate ca, Path keyStore, String alias, char[] password) {
        Certificate leaf;
        try {
            leaf = TlsContexts.load(keyStore, password).getCertificate(alias);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read " + keyStore + ": " + e.getMessage(), e);
        }
        if (leaf == null) {
            throw new PkiException(keyStore + " has no entry '" + alias + "'");
        }
        try {
            leaf.verify(ca.getPublicKey());
        } catch (GeneralSecurityException e) {
            throw new PkiException(keyStore + " was not issued by the CA of this PKI directory", e);
        }
    }

    private static X509Certificate readCertificate(Path pem) {
        try (InputStream in = Files.newInputStream(pem)) {
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
        } catch (IOException | CertificateException | ClassCastException e) {
            throw new PkiException("Cannot read the certificate in " + pem, e);
        }
    }

    private static byte[] pem(X509Certificate certificate) {
        try {
            String base64 = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(certificate.getEncoded());
            return ("-----BEGIN CERTIFICATE-----\n" + base64 + "\n-----END CERTIFICATE-----\n")
                    .getBytes(StandardCharsets.US_ASCII);
        } catch (CertificateException e) {
            throw new PkiException("Cannot encode the CA certificate", e);
        }
    }

    private static String terminalFileName(String terminalId) {
        return TERMINAL_PREFIX + terminalId + P12;
    }

    private static Set<String> validTerminalIds(Collection<String> terminalIds) {
        Objects.requireNonNull(terminalIds, "terminalIds");
        Set<String> ids = new LinkedHashSet<>();
        for (String id : terminalIds) {
            ids.add(Names.requireValidTerminalId(id));
        }
        return ids;
    }

    private static void requirePassword(char[] storePassword) {
        Objects.requireNonNull(storePassword, "storePassword");
        if (storePassword.length == 0) {
            throw new IllegalArgumentException("The store password must not be empty");
        }
    }
}
