package com.valuekiosk.pki;

import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.CertificateParsingException;
import java.security.cert.X509Certificate;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;

/**
 * PKIX validation (the JDK's trust manager), then the rules of our PKI for the peer's own
 * certificate, which PKIX leaves open:
 *
 * <ul>
 *   <li>it is an end entity: basicConstraints absent or {@code CA:FALSE} (a CA certificate, even
 *       one our CA signed, is no TLS peer);</li>
 *   <li>its key usage is present and allows {@code digitalSignature} (TLS 1.3 signs with the key),
 *       and neither {@code keyCertSign} nor {@code cRLSign};</li>
 *   <li>its extended key usage is present and names {@code clientAuth} for a client, {@code
 *       serverAuth} for a server (PKIX accepts a certificate without the extension for any
 *       purpose).</li>
 * </ul>
 *
 * The development PKI's leaf certificates satisfy these rules ({@link CertificateIssuer#issue}).
 */
final class EndEntityTrustManager extends X509ExtendedTrustManager {

    static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
    static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
    private static final int DIGITAL_SIGNATURE = 0;
    private static final int KEY_CERT_SIGN = 5;
    private static final int CRL_SIGN = 6;

    private final X509ExtendedTrustManager pkix;

    EndEntityTrustManager(X509ExtendedTrustManager pkix) {
        this.pkix = pkix;
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkClientTrusted(chain, authType);
        requireEndEntity(chain, CLIENT_AUTH, "clientAuth");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, socket);
        requireEndEntity(chain, CLIENT_AUTH, "clientAuth");
    }

    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkClientTrusted(chain, authType, engine);
        requireEndEntity(chain, CLIENT_AUTH, "clientAuth");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
        pkix.checkServerTrusted(chain, authType);
        requireEndEntity(chain, SERVER_AUTH, "serverAuth");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, socket);
        requireEndEntity(chain, SERVER_AUTH, "serverAuth");
    }

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
        pkix.checkServerTrusted(chain, authType, engine);
        requireEndEntity(chain, SERVER_AUTH, "serverAuth");
    }

    @Override
    public X509Certificate[] getAcceptedIssuers() {
        return pkix.getAcceptedIssuers();
    }

    /**
     * Checks the rules on {@code chain[0]}.
     *
     * @throws CertificateException naming the rule the certificate breaks (and its subject)
     */
    static void requireEndEntity(X509Certificate[] chain, String purpose, String purposeName) throws CertificateException {
        if (chain == null || chain.length == 0) {
            throw new CertificateException("no peer certificate");
        }
        X509Certificate leaf = chain[0];
        String subject = leaf.getSubjectX500Principal().getName();
        if (leaf.getBasicConstraints() >= 0) {
            throw new CertificateException("certificate '" + subject + "' is a CA certificate (CA:TRUE), not an end entity");
        }
        boolean[] keyUsage = leaf.getKeyUsage();
        if (keyUsage == null || keyUsage.length <= DIGITAL_SIGNATURE || !keyUsage[DIGITAL_SIGNATURE]) {
            throw new CertificateException("certificate '" + subject + "' has no digitalSignature key usage");
        }
        if ((keyUsage.length > KEY_CERT_SIGN && keyUsage[KEY_CERT_SIGN]) || (keyUsage.length > CRL_SIGN && keyUsage[CRL_SIGN])) {
            throw new CertificateException("certificate '" + subject + "' may sign certificates or CRLs; a TLS peer may not");
        }
        List<String> extendedKeyUsage;
        try {
            extendedKeyUsage = leaf.getExtendedKeyUsage();
        } catch (CertificateParsingException e) {
            throw new CertificateException("certificate '" + subject + "' has an unreadable extended key usage", e);
        }
        if (extendedKeyUsage == null || !extendedKeyUsage.contains(purpose)) {
            throw new CertificateException("certificate '" + subject + "' has no " + purposeName + " extended key usage");
        }
    }
}
