package com.valuekiosk.pki;

import java.io.OutputStream;
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.jce.provider.BouncyCastleProvider;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A key pair and a certificate our development CA signed with exactly the extensions a test asks
 * for — including the ones the development PKI never issues — in the manner of OkHttp's
 * {@code HeldCertificate.Builder}.
 */
final class HeldCertificate {

    final KeyPair keys;
    final X509Certificate certificate;

    private HeldCertificate(KeyPair keys, X509Certificate certificate) {
        this.keys = keys;
        this.certificate = certificate;
    }

    static Builder builder(String subject) {
        return new Builder(subject);
    }

    /** A PKCS12 key store with this key and the chain leaf + CA, protected by {@code password}. */
    Path keyStore(Path file, X509Certificate ca, char[] password) throws Exception {
        KeyStore store = KeyStore.getInstance("PKCS12");
        store.load(null, null);
        store.setKeyEntry("held", keys.getPrivate(), password, new X509Certificate[] {certificate, ca});
        try (OutputStream out = Files.newOutputStream(file)) {
            store.store(out, password);
        }
        return file;
    }

    static final class Builder {
        private final String subject;
        private BasicConstraints basicConstraints = new BasicConstraints(false);
        private KeyUsage keyUsage = new KeyUsage(KeyUsage.digitalSignature);
        private ExtendedKeyUsage extendedKeyUsage = new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth);

        private Builder(String subject) {
            this.subject = subject;
        }

        /** {@code null}: no basicConstraints extension. */
        Builder basicConstraints(BasicConstraints constraints) {
            this.basicConstraints = constraints;
            return this;
        }

        /** {@code null}: no keyUsage extension. */
        Builder keyUsage(KeyUsage usage) {
            this.keyUsage = usage;
            return this;
        }

        /** {@code null}: no extendedKeyUsage extension. */
        Builder extendedKeyUsage(ExtendedKeyUsage usage) {
            this.extendedKeyUsage = usage;
            return this;
        }

        HeldCertificate signedBy(X509Certificate ca, PrivateKey caKey) throws Exception {
            KeyPairGenerator generator = KeyPairGenerator.getInstance("EC");
            generator.initialize(new ECGenParameterSpec("secp256r1"));
            KeyPair keys = generator.generateKeyPair();
            Instant now = Instant.now();
            X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca,
                    BigInteger.valueOf(now.toEpochMilli()), Date.from(now.minus(1, ChronoUnit.HOURS)),
                    Date.from(now.plus(1, ChronoUnit.DAYS)), new X500Name(subject), keys.getPublic());
            if (basicConstraints != null) {
                builder.addExtension(Extension.basicConstraints, true, basicConstraints);
            }
            if (keyUsage != null) {
                builder.addExtension(Extension.keyUsage, true, keyUsage);
            }
            if (extendedKeyUsage != null) {
                builder.addExtension(Extension.extendedKeyUsage, false, extendedKeyUsage);
            }
            X509Certificate certificate = new JcaX509CertificateConverter().getCertificate(builder.build(
                    new JcaContentSignerBuilder("SHA256withECDSA").setProvider(new BouncyCastleProvider())
                            .build(caKey)));
            return new HeldCertificate(keys, certificate);
        }
    }
}
