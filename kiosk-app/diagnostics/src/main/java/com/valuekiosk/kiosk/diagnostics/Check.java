package com.valuekiosk.kiosk.diagnostics;

import java.util.Locale;

/** The kinds of check the engine runs; their {@link #id()} is also the command line's subcommand. */
public enum Check {
    READERS("PC/SC readers, their features and cards"),
    ATR("Answer to reset (ISO/IEC 7816-3)"),
    APPLETS("Our applets on the card (read-only)"),
    APDU("APDU console"),
    TIMING("APDU round-trip time"),
    SERVERS("Server link: DNS, TCP, TLS 1.3, certificates, mutual TLS, /health");

    private final String title;

    Check(String title) {
        this.title = title;
    }

    public String id() {
        return name().toLowerCase(Locale.ROOT);
    }

    public String title() {
        return title;
    }
}
