package com.valuekiosk.kiosk.diagnostics;

import java.util.List;
import java.util.Objects;

/** What a check's body answers; the {@link CheckRunner} adds the check, subject, start and duration. */
public record Outcome(Verdict verdict, String message, List<Finding> findings, List<Long> samplesNanos) {

    public Outcome {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(message, "message");
        findings = List.copyOf(findings);
        samplesNanos = List.copyOf(samplesNanos);
    }

    public static Outcome of(Verdict verdict, String message, List<Finding> findings) {
        return new Outcome(verdict, message, findings, List.of());
    }

    /** The worst verdict of the findings (PASS when there are none). */
    public static Verdict worst(List<Finding> findings) {
        Verdict worst = Verdict.PASS;
        for (Finding finding : findings) {
            worst = worst.and(finding.verdict());
        }
        return worst;
    }
}
