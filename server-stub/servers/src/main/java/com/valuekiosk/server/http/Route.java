package com.valuekiosk.server.http;

import com.valuekiosk.pki.CertificateRole;
import java.util.Map;
import java.util.Set;

/** A method and path, the certificate roles allowed to call it, and what answers it. */
public record Route(String method, String path, Set<CertificateRole> allowedRoles, Endpoint endpoint) {

    public static Route post(String path, Set<CertificateRole> allowedRoles, Endpoint endpoint) {
        return new Route("POST", path, Set.copyOf(allowedRoles), endpoint);
    }

    /** {@code GET /health}, for every role: the server is up and answers. */
    public static Route health(String server) {
        return get(com.valuekiosk.wire.ApiPaths.HEALTH, Set.of(CertificateRole.values()),
                call -> Reply.ok(Map.of("status", "UP", "server", server)));
    }

    public static Route get(String path, Set<CertificateRole> allowedRoles, Endpoint endpoint) {
        return new Route("GET", path, Set.copyOf(allowedRoles), endpoint);
    }
}
