package com.valuekiosk.kiosk.diagnostics;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What one check found, immutable: which check on what ({@code subject}: a reader, a server, "PC/SC"), the verdict,
 * one line a person reads first, when it started and how long it took, the details, and — for the timing check — the
 * round-trip samples in nanoseconds (for the report's chart). Everything in it is masked already; it may be shown,
 * logged and handed over.
 */
public record CheckResult(Check check, String subject, Verdict verdict, String message, Instant started,
                          Duration elapsed, List<Finding> findings, List<Long> samplesNanos) {

    public CheckResult {
        Objects.requireNonNull(check, "check");
        Objects.requireNonNull(subject, "subject");
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(started, "started");
        Objects.requireNonNull(elapsed, "elapsed");
        message = Masking.text(Objects.requireNonNull(message, "message"));
        findings = List.copyOf(findings);
        samplesNanos = List.copyOf(samplesNanos);
    }

    /** "PASS  timing  ValueKiosk vpcd 00 00: median 1.2 ms over 100 commands (130 ms)". */
    public String summary() {
        return String.format("%-4s  %-8s %s: %s (%d ms)", verdict, check.id(), subject, message, elapsed.toMillis());
    }
}
