package com.valuekiosk.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.Provider;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.Period;
import java.time.ZoneOffset;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.ContentSigner;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Builds the development certificates with BouncyCastle: EC P-256 keys, SHA256withECDSA, random
 * positive 128-bit serial numbers, validity starting one hour in the past to tolerate clock skew.
 *
 * <p>BouncyCastle is used as a local provider for signing only (never registered globally); keys are
 * generated and certificates parsed by the JDK, so the PKCS12 files hold plain JDK objects that Jetty
 * and OkHttp read without BouncyCastle.
 */
final class CertificateIssuer {

    static final String ORGANIZATION = "ValueKiosk";
    static final String CA_COMMON_NAME = "ValueKiosk Development CA";
    static final String SIGNATURE_ALGORITHM = "SHA256withECDSA";
    static final String CURVE = "secp256r1";
    static final Duration CLOCK_SKEW = Duration.ofHours(1);
    static final Period CA_VALIDITY = Period.ofYears(10);
    static final Period LEAF_VALIDITY = Period.ofYears(2);

    /**
     * Made when the first certificate is signed, not with the issuer: its constructor registers every algorithm
     * BouncyCastle has (several hundred classes), which loading an existing PKI — every start of the demo and of
     * {@code run --demo} after the first — never needs (issue #16).
     */
    private static final class Signing {
        static final Provider BOUNCY_CASTLE = new BouncyCastleProvider();
    }
    private final SecureRandom random;
    private final Clock clock;

    CertificateIssuer(SecureRandom random, Clock clock) {
        this.random = random;
        this.clock = clock;
    }

    KeyPair newKeyPair() {
        try {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec(CURVE), random);
            return generator.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new PkiException("This JDK cannot generate EC " + CURVE + " keys", e);
        }
    }

    /** A self-signed CA certificate: CA:true with path length 0, keyCertSign and cRLSign, 10 years. */
    X509Certificate selfSignedCa(KeyPair caKeys) {
        Instant now = clock.instant();
        X500Name name = subject(CertificateRole.CA, CA_COMMON_NAME);
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(name, serialNumber(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(plus(now, CA_VALIDITY)), name, caKeys.getPublic());
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(0))
                    .addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(caKeys.getPublic()));
        } catch (CertIOException | GeneralSecurityException e) {
            throw new PkiException("Cannot build the CA certificate extensions", e);
        }
        return sign(builder, caKeys.getPrivate());
    }

    /**
     * A leaf certificate for {@code role}. Servers get SubjectAltName localhost, 127.0.0.1 and ::1 and
     * both serverAuth and clientAuth; every other role gets clientAuth only. Validity is two years but
     * never beyond the CA's own.
     */
    X509Certificate issue(CertificateRole role, String commonName, PublicKey subjectKey,
            X509Certificate caCertificate, PrivateKey caKey) {
        if (role == CertificateRole.CA) {
            throw new IllegalArgumentException("Use selfSignedCa for the CA");
        }
        Instant now = clock.instant();
        Instant notAfter = plus(now, LEAF_VALIDITY);
        Instant caNotAfter = caCertificate.getNotAfter().toInstant();
        if (notAfter.isAfter(caNotAfter)) {
            notAfter = caNotAfter;
        }
        X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(caCertificate, serialNumber(),
                Date.from(now.minus(CLOCK_SKEW)), Date.from(notAfter), subject(role, commonName), subjectKey);
        boolean server = role == CertificateRole.CREDIT_SERVER || role == CertificateRole.EMONEY_SERVER;
        try {
            JcaX509ExtensionUtils extensions = new JcaX509ExtensionUtils();
            builder.addExtension(Extension.basicConstraints, true, new BasicConstraints(false))
                    .addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature))
                    .addExtension(Extension.extendedKeyUsage, false, server
                            ? new ExtendedKeyUsage(new KeyPurposeId[] {
                                KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth})
                            : new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth))
                    .addExtension(Extension.subjectKeyIdentifier, false,
                            extensions.createSubjectKeyIdentifier(subjectKey))
                    .addExtension(Extension.authorityKeyIdentifier, false,
                            extensions.createAuthorityKeyIdentifier(caCertificate));
            if (server) {
                builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(new GeneralName[] {
                    new GeneralName(GeneralName.dNSName, "localhost"),
                    new GeneralName(GeneralName.iPAddress, "127.0.0.1"),
                    new GeneralName(GeneralName.iPAddress, "::1")}));
            }
        } catch (CertIOException | GeneralSecurityException e) {
            throw new PkiException("Cannot build the extensions of the certificate for " + commonName, e);
        }
        return sign(builder, caKey);
    }

    private X509Certificate sign(X509v3CertificateBuilder builder, PrivateKey signingKey) {
        try {
            ContentSigner signer = new JcaContentSignerBuilder(SIGNATURE_ALGORITHM)
                    .setProvider(Signing.BOUNCY_CASTLE)
                    .setSecureRandom(random)
                    .build(signingKey);
            // The default converter parses with the JDK's CertificateFactory: a plain JDK certificate.
            return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
        } catch (OperatorCreationException | GeneralSecurityException e) {
            throw new PkiException("Cannot sign a certificate with " + SIGNATURE_ALGORITHM, e);
        }
    }

    private static X500Name subject(CertificateRole role, String commonName) {
        return new X500NameBuilder(BCStyle.INSTANCE)
                .addRDN(BCStyle.O, ORGANIZATION)
                .addRDN(BCStyle.OU, role.organizationalUnit())
                .addRDN(BCStyle.CN, commonName)
                .build();
    }

    /** A random positive serial number of at most 128 bits (never zero). */
    private BigInteger serialNumber() {
        byte[] bytes = new byte[16];
        BigInteger serial;
        do {
            random.nextBytes(bytes);
            serial = new BigInteger(1, bytes);
        } while (serial.signum() == 0);
        return serial;
    }

    private static Instant plus(Instant instant, Period period) {
        return instant.atOffset(ZoneOffset.UTC).plus(period).toInstant();
    }
}
