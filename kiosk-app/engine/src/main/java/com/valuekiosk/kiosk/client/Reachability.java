package com.valuekiosk.kiosk.client;

/**
 * Whether a server answered {@code GET /health} over the kiosk's mutual TLS, how long it took, and why
 * not: {@code problem} is null when reachable, else a short reason without a body (e.g.
 * {@code ConnectException: Connection refused}).
 */
public record Reachability(boolean reachable, long millis, String problem) {

    /** The longest {@link #problem} kept: a reason, not a transcript. */
    static final int MAX_PROBLEM = 200;

    public Reachability {
        if (reachable && problem != null) {
            throw new IllegalArgumentException("a reachable server has no problem");
        }
        if (!reachable && (problem == null || problem.isBlank())) {
            throw new IllegalArgumentException("an unreachable server needs a reason");
        }
        if (problem != null) {
            // Printable only and bounded: it travels in the health report (server-side rules alike).
            problem = problem.codePoints().map(c -> Character.isISOControl(c) ? ' ' : c)
                    .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString().strip();
            if (problem.length() > MAX_PROBLEM) {
                problem = problem.substring(0, MAX_PROBLEM - 1) + "…";
            }
        }
    }
}
