package com.valuekiosk.kiosk.app.config;

import java.util.Objects;

/**
 * A configuration the kiosk cannot start with. The message is one line for the person setting up the
 * site: the setting, what is wrong with it and, where it helps, what would be right. It never quotes a
 * password or the attendant code hash.
 */
public final class KioskConfigException extends RuntimeException {

    private final String setting;

    public KioskConfigException(String setting, String problem) {
        super(Objects.requireNonNull(setting, "setting") + ": " + Objects.requireNonNull(problem, "problem"));
        this.setting = setting;
    }

    /** The key in the configuration file (or the file itself, for problems with the whole file). */
    public String setting() {
        return setting;
    }
}
