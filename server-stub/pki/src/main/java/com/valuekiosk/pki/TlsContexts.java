package com.valuekiosk.pki;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.KeyStoreException;
import java.security.SecureRandom;
import java.security.UnrecoverableKeyException;
import java.util.Collections;
import java.util.Objects;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManager;
import javax.net.ssl.TrustManagerFactory;
import javax.net.ssl.X509ExtendedTrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * {@link SSLContext}s built from the development PKI's files: TLS 1.3 only, trusting only the
 * certificates of the given trust store (never the JDK's {@code cacerts}).
 *
 * <p>Every socket and engine the returned contexts create has exactly {@value #PROTOCOL} enabled, so
 * Jetty (which takes the engine's enabled protocols) and OkHttp (which intersects its connection spec
 * with the socket's enabled protocols) cannot fall back to TLS 1.2. Both sides of a connection must
 * present a certificate when the server asks for one: the same context serves as mutual-TLS client
 * and server.
 *
 * <p>Key stores and trust stores are PKCS12 files read by the JDK's own provider.
 */
public final class TlsContexts {

    /** The only protocol the contexts enable. */
    public static final String PROTOCOL = "TLSv1.3";

    /** PKIX key and trust managers check validity and extended key usage of our certificates. */
    private static final String PKIX = "PKIX";

    private TlsContexts() {
    }

    /**
     * A context for a mutual-TLS client or server.
     *
     * @param keyStore PKCS12 file with this side's private key and certificate chain
     * @param password password of both the key store (and its key) and the trust store
     * @param trustStore PKCS12 file with the CA certificate(s) to trust, and nothing else is trusted
     * @throws PkiException naming the file if a store cannot be read or holds no usable entry
     */
    public static SSLContext create(Path keyStore, char[] password, Path trustStore) {
        return create(load(keyStore, password), keyStore, password, trustManager(trustStore, password));
    }

    /**
     * As {@link #create(Path, char[], Path)}, from a key store already loaded from {@code keyFile} (named in
     * errors) and a trust manager already made: each PKCS12 file is read, and its password derived, once.
     */
    public static SSLContext create(KeyStore keys, Path keyFile, char[] password, X509TrustManager trustManager) {
        requireKeyEntry(keys, keyFile);
        try {
            KeyManagerFactory keyManagers = KeyManagerFactory.getInstance(PKIX);
            keyManagers.init(keys, password);
            SSLContext context = SSLContext.getInstance(PROTOCOL);
            context.init(keyManagers.getKeyManagers(), new TrustManager[] {trustManager}, new SecureRandom());
            return Tls13OnlyContext.wrap(context);
        } catch (UnrecoverableKeyException e) {
            throw new PkiException("Cannot read the private key in " + keyFile
                    + ": the key password differs from the key store password", e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot build a TLS context from " + keyFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * The trust manager for {@code trustStore}, for OkHttp's
     * {@code sslSocketFactory(context.getSocketFactory(), trustManager)}; it is the same kind of trust
     * manager {@link #create} uses: PKIX validation, then the peer's own certificate must be an end
     * entity (not {@code CA:TRUE}) with {@code digitalSignature} key usage and the extended key usage
     * of its side ({@code clientAuth} for a client, {@code serverAuth} for a server).
     *
     * @throws PkiException naming the file if it cannot be read or holds no trusted certificate
     */
    public static X509TrustManager trustManager(Path trustStore, char[] password) {
        return trustManager(load(trustStore, password), trustStore);
    }

    /** As {@link #trustManager(Path, char[])}, from a trust store already loaded from {@code trustFile} (named in errors). */
    public static X509TrustManager trustManager(KeyStore trusted, Path trustFile) {
        requireTrustedCertificate(trusted, trustFile);
        try {
            TrustManagerFactory factory = TrustManagerFactory.getInstance(PKIX);
            factory.init(trusted);
            for (TrustManager manager : factory.getTrustManagers()) {
                if (manager instanceof X509ExtendedTrustManager x509) {
                    return new EndEntityTrustManager(x509);
                }
            }
            throw new PkiException("No X.509 trust manager available for " + trustFile);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot build a trust manager from " + trustFile + ": " + e.getMessage(), e);
        }
    }

    /**
     * Loads a PKCS12 file with the JDK's default PKCS12 implementation.
     *
     * @throws PkiException naming the file if it is missing, the password is wrong, or it is not a
     *     PKCS12 key store
     */
    public static KeyStore load(Path pkcs12, char[] password) {
        Objects.requireNonNull(pkcs12, "pkcs12");
        Objects.requireNonNull(password, "password");
        KeyStore store;
        try {
            store = KeyStore.getInstance("PKCS12");
        } catch (KeyStoreException e) {
            throw new PkiException("This JDK has no PKCS12 key store support", e);
        }
        try (InputStream in = Files.newInputStream(pkcs12)) {
            store.load(in, password);
            return store;
        } catch (NoSuchFileException e) {
            throw new PkiException("Key store " + pkcs12 + " does not exist", e);
        } catch (IOException e) {
            if (e.getCause() instanceof UnrecoverableKeyException) {
                throw new PkiException("Cannot open key store " + pkcs12 + ": wrong password", e);
            }
            throw new PkiException("Cannot read key store " + pkcs12
                    + ": not a PKCS12 file, damaged or unreadable (" + e.getMessage() + ")", e);
        } catch (GeneralSecurityException e) {
            throw new PkiException("Cannot read key store " + pkcs12 + ": " + e.getMessage(), e);
        }
    }

    private static void requireKeyEntry(KeyStore store, Path file) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isKeyEntry(alias)) {
                    return;
                }
            }
        } catch (KeyStoreException e) {
            throw new PkiException("Cannot list the entries of " + file, e);
        }
        throw new PkiException("Key store " + file + " holds no private key entry");
    }

    private static void requireTrustedCertificate(KeyStore store, Path file) {
        try {
            for (String alias : Collections.list(store.aliases())) {
                if (store.isCertificateEntry(alias)) {
                    return;
                }
            }
        } catch (KeyStoreException e) {
            throw new PkiException("Cannot list the entries of " + file, e);
        }
        throw new PkiException("Trust store " + file + " holds no trusted certificate");
    }
}
