package com.valuekiosk.pki;

import java.security.cert.X509Certificate;
import java.util.Objects;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.ASN1String;
import org.bouncycastle.asn1.x500.AttributeTypeAndValue;
import org.bouncycastle.asn1.x500.RDN;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.style.BCStyle;

/**
 * Who is on the other end of a TLS connection, read from its verified certificate.
 *
 * <p>A kiosk's terminal id comes from here, never from a request body (SPEC R-SV3).
 *
 * @param role what the peer is, from the subject's OU
 * @param name the subject's CN: the terminal id, the server name or the points system name
 */
public record PeerIdentity(CertificateRole role, String name) {

    public PeerIdentity {
        Objects.requireNonNull(role, "role");
        Objects.requireNonNull(name, "name");
        if (role == CertificateRole.CA) {
            throw new IllegalArgumentException("A CA is not a TLS peer");
        }
        if (name.isBlank()) {
            throw new IllegalArgumentException("Peer name must not be blank");
        }
    }

    /**
     * Reads the identity from a client certificate that TLS already verified against the development
     * CA: the role from the OU ({@code terminals}, {@code credit-server}, {@code emoney-server},
     * {@code points-system}), the name from the CN. This method does not verify the certificate; pass
     * only certificates from a verified TLS session.
     *
     * @throws IllegalArgumentException if the subject has no, several or an unknown OU, no or several
     *     CNs, an OU of {@code ca}, or (for terminals) a CN that is not a valid terminal id
     */
    public static PeerIdentity of(X509Certificate certificate) {
        Objects.requireNonNull(certificate, "certificate");
        X500Name subject = X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
        String organizationalUnit = single(subject, BCStyle.OU, "OU");
        CertificateRole role = CertificateRole.fromOrganizationalUnit(organizationalUnit)
                .orElseThrow(() -> new IllegalArgumentException("Certificate subject '" + subject
                        + "' has unknown OU " + Names.quoted(organizationalUnit) + "; expected one of "
                        + CertificateRole.peerOrganizationalUnits()));
        if (role == CertificateRole.CA) {
            throw new IllegalArgumentException("Certificate subject '" + subject
                    + "' is a CA certificate, not a TLS peer");
        }
        String commonName = single(subject, BCStyle.CN, "CN");
        if (role == CertificateRole.TERMINAL && !Names.isValidTerminalId(commonName)) {
            throw new IllegalArgumentException("Certificate subject '" + subject + "' has CN "
                    + Names.quoted(commonName) + " which is not a valid terminal id "
                    + "(exactly 8 ASCII letters, digits or hyphens)");
        }
        return new PeerIdentity(role, commonName);
    }

    private static String single(X500Name subject, ASN1ObjectIdentifier type, String label) {
        String found = null;
        for (RDN rdn : subject.getRDNs()) {
            for (AttributeTypeAndValue attribute : rdn.getTypesAndValues()) {
                if (!attribute.getType().equals(type)) {
                    continue;
                }
                if (found != null) {
                    throw new IllegalArgumentException("Certificate subject '" + subject
                            + "' has more than one " + label);
                }
                found = text(attribute.getValue(), subject, label);
            }
        }
        if (found == null || found.isBlank()) {
            throw new IllegalArgumentException("Certificate subject '" + subject + "' has no " + label
                    + (type.equals(BCStyle.OU)
                            ? "; expected one of " + CertificateRole.peerOrganizationalUnits() : ""));
        }
        return found;
    }

    private static String text(ASN1Encodable value, X500Name subject, String label) {
        if (value instanceof ASN1String string) {
            return string.getString();
        }
        throw new IllegalArgumentException("Certificate subject '" + subject + "' has a " + label
                + " that is not a string");
    }
}
