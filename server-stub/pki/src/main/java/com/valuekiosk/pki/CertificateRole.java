package com.valuekiosk.pki;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Roles a certificate can carry, encoded in the subject's organisational unit (OU).
 *
 * <p>The OU value is part of the contract between the PKI and the servers: a server decides what a
 * peer may do from this role (see {@link PeerIdentity#of}), so the strings never change.
 */
public enum CertificateRole {
    /** The development certificate authority itself; never a TLS peer. */
    CA("ca"),
    /** The credit company server (TLS server, and client towards the e-money server). */
    CREDIT_SERVER("credit-server"),
    /** The e-money server (TLS server, and client where it calls out). */
    EMONEY_SERVER("emoney-server"),
    /** A kiosk or another charge-up terminal; the certificate's CN is the terminal id. */
    TERMINAL("terminals"),
    /** A points system that converts points to VALUE; the certificate's CN is its name. */
    POINTS_SYSTEM("points-system"),
    /**
     * A monitoring system that scrapes the servers' metrics (and nothing else); the certificate's CN is its
     * name. Kept apart from terminals so that a kiosk's certificate cannot read every kiosk's health.
     */
    MONITOR("monitors");

    private final String organizationalUnit;

    CertificateRole(String organizationalUnit) {
        this.organizationalUnit = organizationalUnit;
    }

    /** The OU value written into certificates of this role. */
    public String organizationalUnit() {
        return organizationalUnit;
    }

    /** The role whose OU is exactly {@code organizationalUnit} (case-sensitive), if any. */
    public static Optional<CertificateRole> fromOrganizationalUnit(String organizationalUnit) {
        return Arrays.stream(values())
                .filter(role -> role.organizationalUnit.equals(organizationalUnit))
                .findFirst();
    }

    /** The OU values of the roles a TLS peer can have, for error messages. */
    static String peerOrganizationalUnits() {
        return Arrays.stream(values())
                .filter(role -> role != CA)
                .map(CertificateRole::organizationalUnit)
                .collect(Collectors.joining(", "));
    }
}
