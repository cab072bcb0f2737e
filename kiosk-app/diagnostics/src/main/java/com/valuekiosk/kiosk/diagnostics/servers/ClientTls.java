package com.valuekiosk.kiosk.diagnostics.servers;

import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;
import javax.net.ssl.SSLContext;

/**
 * The kiosk's side of mutual TLS as the checks use it: its TLS context (the kiosk's own, {@code KioskTls}: terminal
 * key, trust store of our CA) and its certificate chain, whose expiry is checked. The key never leaves the context.
 */
public record ClientTls(SSLContext context, List<X509Certificate> chain) {

    public ClientTls {
        Objects.requireNonNull(context, "context");
        chain = List.copyOf(chain);
        if (chain.isEmpty()) {
            throw new IllegalArgumentException("the kiosk's certificate chain is empty");
        }
    }
}
