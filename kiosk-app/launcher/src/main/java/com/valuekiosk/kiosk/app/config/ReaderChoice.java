package com.valuekiosk.kiosk.app.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One reader as the configuration names it: {@code none} (no such reader), {@code simulated} (a simulated
 * reader for usability tests, cards placed on the card panel) or a PC/SC reader name (exact, or a part of
 * it, as {@code PcscReader} matches it).
 */
public record ReaderChoice(Kind kind, String pcscName) {

    public enum Kind { NONE, SIMULATED, PCSC }

    public static final String NONE_VALUE = "none";
    public static final String SIMULATED_VALUE = "simulated";

    public ReaderChoice {
        Objects.requireNonNull(kind, "kind");
        if ((kind == Kind.PCSC) != (pcscName != null)) {
            throw new IllegalArgumentException("a PC/SC reader, and only one, has a name");
        }
    }

    public static ReaderChoice none() {
        return new ReaderChoice(Kind.NONE, null);
    }

    public static ReaderChoice simulated() {
        return new ReaderChoice(Kind.SIMULATED, null);
    }

    public static ReaderChoice pcsc(String name) {
        return new ReaderChoice(Kind.PCSC, name);
    }

    /** {@code none}, {@code simulated} (any case) or a PC/SC name. */
    static ReaderChoice parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals(NONE_VALUE)) {
            return none();
        }
        if (lower.equals(SIMULATED_VALUE)) {
            return simulated();
        }
        return pcsc(value);
    }

    /** As it would be written in the configuration file. */
    public String value() {
        return switch (kind) {
            case NONE -> NONE_VALUE;
            case SIMULATED -> SIMULATED_VALUE;
            case PCSC -> pcscName;
        };
    }
}
