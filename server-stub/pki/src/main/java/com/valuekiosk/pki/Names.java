package com.valuekiosk.pki;

import java.util.regex.Pattern;

/** The names that end up in certificate subjects and file names, checked in one place. */
final class Names {

    /** Terminal ids: exactly 8 characters, ASCII letters, digits or hyphens. */
    private static final Pattern TERMINAL_ID = Pattern.compile("[A-Za-z0-9-]{8}");

    /** Points system names: 1 to 64 characters, ASCII letters, digits or hyphens, not starting with a hyphen. */
    private static final Pattern POINTS_SYSTEM_NAME = Pattern.compile("[A-Za-z0-9][A-Za-z0-9-]{0,63}");

    private Names() {
    }

    static boolean isValidTerminalId(String terminalId) {
        return terminalId != null && TERMINAL_ID.matcher(terminalId).matches();
    }

    static String requireValidTerminalId(String terminalId) {
        if (!isValidTerminalId(terminalId)) {
            throw new IllegalArgumentException("Invalid terminal id " + quoted(terminalId)
                    + ": expected exactly 8 ASCII letters, digits or hyphens");
        }
        return terminalId;
    }

    static String requireValidPointsSystemName(String name) {
        if (name == null || !POINTS_SYSTEM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid points system name " + quoted(name)
                    + ": expected 1 to 64 ASCII letters, digits or hyphens, not starting with a hyphen");
        }
        return name;
    }

    /** Monitor names follow the points systems' rule: 1 to 64 ASCII letters, digits or hyphens. */
    static String requireValidMonitorName(String name) {
        if (name == null || !POINTS_SYSTEM_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid monitor name " + quoted(name)
                    + ": expected 1 to 64 ASCII letters, digits or hyphens, not starting with a hyphen");
        }
        return name;
    }

    /** Quotes a user-supplied value for a message, keeping control characters out of logs. */
    static String quoted(String value) {
        if (value == null) {
            return "null";
        }
        StringBuilder out = new StringBuilder("'");
        value.codePoints().limit(80).forEach(c -> {
            if (c < 0x20 || c == 0x7f) {
                out.append(String.format("\\u%04x", c));
            } else {
                out.appendCodePoint(c);
            }
        });
        return out.append(value.codePointCount(0, value.length()) > 80 ? "…'" : "'").toString();
    }
}
