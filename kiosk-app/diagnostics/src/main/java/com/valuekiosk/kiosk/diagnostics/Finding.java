package com.valuekiosk.kiosk.diagnostics;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One line of a check's result: a name, its value in words, its own verdict and, for a timed step (DNS, TCP, TLS …),
 * how long it took. Values are already masked: no PIN, no full card number, no key.
 */
public record Finding(String name, String value, Verdict verdict, Duration elapsed) {

    public Finding {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(value, "value");
        Objects.requireNonNull(verdict, "verdict");
        value = Masking.text(value);
    }

    /** An untimed fact that is fine. */
    public static Finding info(String name, String value) {
        return new Finding(name, value, Verdict.PASS, null);
    }

    public static Finding of(String name, String value, Verdict verdict) {
        return new Finding(name, value, verdict, null);
    }

    public static Finding step(String name, String value, Verdict verdict, Duration elapsed) {
        return new Finding(name, value, verdict, Objects.requireNonNull(elapsed, "elapsed"));
    }

    public Optional<Duration> time() {
        return Optional.ofNullable(elapsed);
    }
}
