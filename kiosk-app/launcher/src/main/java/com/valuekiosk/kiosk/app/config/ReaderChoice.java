package com.valuekiosk.kiosk.app.config;

import java.util.Locale;
import java.util.Objects;

/**
 * One reader as the configuration names it: {@code none} (no such reader) or a PC/SC reader name (exact, or a
 * part of it, as {@code PcscReader} matches it). A site kiosk has no simulated readers: usability tests run
 * the demo ({@code kiosk-demo}), whose card panel moves simulated cards.
 */
public record ReaderChoice(Kind kind, String pcscName) {

    public enum Kind { NONE, PCSC }

    public static final String NONE_VALUE = "none";
    /** What sites wrote for a simulated reader before the demo took usability tests over; refused now. */
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

    public static ReaderChoice pcsc(String name) {
        return new ReaderChoice(Kind.PCSC, name);
    }

    /**
     * {@code none} (any case) or a PC/SC name.
     *
     * @throws IllegalArgumentException for {@code simulated} (any case), which a site kiosk does not offer
     */
    static ReaderChoice parse(String value) {
        String lower = value.toLowerCase(Locale.ROOT);
        if (lower.equals(NONE_VALUE)) {
            return none();
        }
        if (lower.equals(SIMULATED_VALUE)) {
            throw new IllegalArgumentException("simulated readers are not part of a site kiosk; for usability tests"
                    + " run the demo (kiosk-demo: demo), whose card panel moves simulated cards");
        }
        return pcsc(value);
    }

    /** As it would be written in the configuration file. */
    public String value() {
        return switch (kind) {
            case NONE -> NONE_VALUE;
            case PCSC -> pcscName;
        };
    }
}
