package com.valuekiosk.kiosk.diagnostics.servers;

import java.net.URI;
import java.util.Objects;

/** A server to check: its name ("credit", "emoney") and the base URL the kiosk uses ({@code https://host:port/…}). */
public record ServerTarget(String name, URI baseUrl) {

    public ServerTarget {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(baseUrl, "baseUrl");
        if (!"https".equalsIgnoreCase(baseUrl.getScheme()) || baseUrl.getHost() == null) {
            throw new IllegalArgumentException(name + ": the kiosk talks https://host[:port] only, got " + baseUrl);
        }
    }

    public String host() {
        return baseUrl.getHost();
    }

    public int port() {
        return baseUrl.getPort() < 0 ? 443 : baseUrl.getPort();
    }
}
