package com.valuekiosk.server.http;

import com.valuekiosk.pki.PeerIdentity;

/**
 * Decides whether a certificate holder our CA vouched for is one this server serves: a
 * terminal must be registered and active, a server or points system must be one we know.
 */
@FunctionalInterface
public interface ClientRegistry {

    boolean isKnown(PeerIdentity peer);
}
