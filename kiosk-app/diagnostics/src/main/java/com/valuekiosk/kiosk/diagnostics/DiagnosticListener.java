package com.valuekiosk.kiosk.diagnostics;

/**
 * Progress of the checks, for a screen or a command line: called on the thread that runs the checks (a screen hands
 * the calls to its own thread). A listener that throws is ignored, not the check.
 */
public interface DiagnosticListener {

    DiagnosticListener NONE = new DiagnosticListener() {
    };

    /** A check begins on {@code subject}. */
    default void started(Check check, String subject) {
    }

    /** A check ended, however it ended (a timeout or failure is a {@link Verdict#FAIL} result, not an exception). */
    default void finished(CheckResult result) {
    }
}
