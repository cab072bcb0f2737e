package com.valuekiosk.card.cap;

/** Placeholder, filled in below. */
final class CapDumper {
    private CapDumper() {
    }

    static String dump(CapFile cap, ApiTokens api) {
        return "";
    }
}
