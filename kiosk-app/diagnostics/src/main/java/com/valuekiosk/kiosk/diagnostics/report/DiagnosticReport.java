package com.valuekiosk.kiosk.diagnostics.report;

import com.valuekiosk.kiosk.diagnostics.CheckResult;
import com.valuekiosk.kiosk.diagnostics.Verdict;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A run of checks to hand over: when, on which machine, with which tool, and every result (all masked already). */
public record DiagnosticReport(Instant created, String host, String tool, List<CheckResult> results) {

    public DiagnosticReport {
        Objects.requireNonNull(created, "created");
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(tool, "tool");
        results = List.copyOf(results);
    }

    /** The worst verdict of all results. */
    public Verdict verdict() {
        Verdict worst = Verdict.PASS;
        for (CheckResult result : results) {
            worst = worst.and(result.verdict());
        }
        return worst;
    }

    public long count(Verdict verdict) {
        return results.stream().filter(r -> r.verdict() == verdict).count();
    }
}
