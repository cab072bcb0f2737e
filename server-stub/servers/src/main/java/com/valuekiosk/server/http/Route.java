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

    /** Where {@link #metrics} answers. */
    public static final String METRICS_PATH = "/metrics";
    /** The Prometheus text exposition format. */
    public static final String PROMETHEUS_TEXT = "text/plain; version=0.0.4; charset=utf-8";

    /**
     * {@code GET /metrics}: the server's metrics in the Prometheus text format, for registered monitoring
     * systems only ({@link CertificateRole#MONITOR}: the e-money server's metrics say how every kiosk
     * stands, which is no kiosk's business). The labels carry no card number and no request body.
     */
    public static Route metrics(java.util.function.Supplier<String> exposition) {
        return get(METRICS_PATH, Set.of(CertificateRole.MONITOR), call -> Reply.text(exposition.get(), PROMETHEUS_TEXT));
    }

    public static Route get(String path, Set<CertificateRole> allowedRoles, Endpoint endpoint) {
        return new Route("GET", path, Set.copyOf(allowedRoles), endpoint);
    }
}
