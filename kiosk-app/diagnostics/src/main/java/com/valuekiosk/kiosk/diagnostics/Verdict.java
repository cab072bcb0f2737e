package com.valuekiosk.kiosk.diagnostics;

/** How a check or one of its steps came out, worst last: a technician acts on {@code FAIL}, looks at {@code WARN}. */
public enum Verdict {
    PASS, WARN, FAIL;

    /** The worse of the two. */
    public Verdict and(Verdict other) {
        return other.ordinal() > ordinal() ? other : this;
    }
}
