package com.valuekiosk.kiosk.client;

import com.valuekiosk.pki.TlsContexts;
import java.nio.file.Path;
import java.security.KeyStore;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;
import javax.net.ssl.X509TrustManager;
import okhttp3.ConnectionSpec;
import okhttp3.OkHttpClient;
import okhttp3.TlsVersion;

/**
 * The kiosk's side of mutual TLS (R-SV3): its terminal certificate and key, the trust store that
 * holds only our CA, and an OkHttp connection spec that allows TLS 1.3 and nothing else (no
 * cleartext, no older TLS). The servers take the terminal id from this certificate.
 */
public final class KioskTls {

    /** TLS 1.3 only, OkHttp's restricted cipher suites. */
    public static final ConnectionSpec TLS_1_3_ONLY = new ConnectionSpec.Builder(ConnectionSpec.RESTRICTED_TLS)
            .tlsVersions(TlsVersion.TLS_1_3)
            .build();

    private final SSLContext sslContext;
    private final X509TrustManager trustManager;

    private KioskTls(SSLContext sslContext, X509TrustManager trustManager) {
        this.sslContext = Objects.requireNonNull(sslContext, "sslContext");
        this.trustManager = Objects.requireNonNull(trustManager, "trustManager");
    }

    /**
     * Reads the terminal's PKCS12 key store and the trust store (both protected by {@code password},
     * as the development PKI writes them). The password is not kept; the caller may wipe it.
     *
     * @throws com.valuekiosk.pki.PkiException naming the file when a store cannot be read, holds no
     *     key, or the trust store holds no certificate
     */
    public static KioskTls fromFiles(Path terminalKeyStore, char[] password, Path trustStore) {
        return fromStores(TlsContexts.load(terminalKeyStore, password), terminalKeyStore, password,
                TlsContexts.load(trustStore, password), trustStore);
    }

    /**
     * As {@link #fromFiles}, from stores already loaded (from the files named, which errors name): no PKCS12 file is
     * read, nor its password derived, twice. The key's own password derivation happens here.
     */
    public static KioskTls fromStores(KeyStore terminalKeys, Path keyFile, char[] password, KeyStore trusted, Path trustFile) {
        X509TrustManager trustManager = TlsContexts.trustManager(trusted, trustFile);
        return new KioskTls(TlsContexts.create(terminalKeys, keyFile, password, trustManager), trustManager);
    }

    /** From material built elsewhere; {@code trustManager} must be the one {@code sslContext} uses. */
    public static KioskTls of(SSLContext sslContext, X509TrustManager trustManager) {
        return new KioskTls(sslContext, trustManager);
    }

    public SSLContext sslContext() {
        return sslContext;
    }

    public X509TrustManager trustManager() {
        return trustManager;
    }

    public ConnectionSpec connectionSpec() {
        return TLS_1_3_ONLY;
    }

    /** Sets the socket factory, trust manager and TLS 1.3-only connection spec on {@code builder}. */
    public OkHttpClient.Builder applyTo(OkHttpClient.Builder builder) {
        return builder.sslSocketFactory(sslContext.getSocketFactory(), trustManager)
                .connectionSpecs(List.of(TLS_1_3_ONLY));
    }
}
