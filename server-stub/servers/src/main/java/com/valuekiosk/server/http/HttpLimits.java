package com.valuekiosk.server.http;

import java.time.Duration;
import java.util.Objects;

/**
 * What one server grants its clients, so that slow or greedy clients cannot take it down: worker
 * threads, how long an idle connection stays open, the slowest request body it waits for, the time
 * a whole body may take, and how many connections one client address may hold at once.
 *
 * @param threads worker threads of the server (Jetty needs a few of them for accepting and selecting)
 * @param idleTimeout a connection on which nothing arrives for this long is closed
 * @param minBodyBytesPerSecond a body arriving more slowly than this (averaged from the start of the
 *     body, after {@code bodyGracePeriod}) is refused with 400 {@code MALFORMED_JSON} (API.md §1.2)
 * @param bodyGracePeriod the time a body may take before its rate is checked
 * @param bodyReadDeadline the time a whole body may take; later it is refused the same way
 * @param connectionsPerClient open connections one remote address may hold; more are closed at once
 */
public record HttpLimits(int threads, Duration idleTimeout, long minBodyBytesPerSecond, Duration bodyGracePeriod,
                         Duration bodyReadDeadline, int connectionsPerClient) {

    public HttpLimits {
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        Objects.requireNonNull(bodyGracePeriod, "bodyGracePeriod");
        Objects.requireNonNull(bodyReadDeadline, "bodyReadDeadline");
        if (threads < 8) {
            throw new IllegalArgumentException("a server needs at least 8 threads");
        }
        if (idleTimeout.isNegative() || idleTimeout.isZero() || bodyReadDeadline.isNegative() || bodyReadDeadline.isZero()
                || bodyGracePeriod.isNegative()) {
            throw new IllegalArgumentException("timeouts must be positive");
        }
        if (minBodyBytesPerSecond < 0 || connectionsPerClient < 1) {
            throw new IllegalArgumentException("a minimum rate must not be negative and a client needs a connection");
        }
    }

    /**
     * The production limits: 64 threads, 30 s idle timeout, bodies at 256 bytes/s at least (checked
     * after 2 s) and complete within 10 s, 32 connections per address (kiosks of one site may share
     * one address behind NAT). Every request of the API fits in 1 KiB.
     */
    public static HttpLimits defaults() {
        return new HttpLimits(64, Duration.ofSeconds(30), 256, Duration.ofSeconds(2), Duration.ofSeconds(10), 32);
    }

    /** These limits with {@code connections} per client address (a load generator's kiosks share one address). */
    public HttpLimits withConnectionsPerClient(int connections) {
        return new HttpLimits(threads, idleTimeout, minBodyBytesPerSecond, bodyGracePeriod, bodyReadDeadline, connections);
    }
}
