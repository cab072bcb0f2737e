package com.valuekiosk.kiosk.client;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * Timeouts and retries of one server client.
 *
 * <p>{@code connectTimeout}, {@code readTimeout} and {@code writeTimeout} bound each socket
 * operation (the TLS handshake counts as reading); {@code callTimeout} bounds one whole attempt,
 * from DNS to the last byte of the answer. {@code retryBackoff} lists the waits before the retries:
 * its size is the number of retries, so the worst case of a call is {@code (1 + retries) ×
 * callTimeout + sum(retryBackoff)}. All timeouts must be positive (OkHttp reads zero as "none").
 */
public record ClientSettings(Duration connectTimeout, Duration readTimeout, Duration writeTimeout, Duration callTimeout,
                             List<Duration> retryBackoff) {

    public static final Duration DEFAULT_CONNECT_TIMEOUT = Duration.ofSeconds(5);
    public static final Duration DEFAULT_READ_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_WRITE_TIMEOUT = Duration.ofSeconds(10);
    public static final Duration DEFAULT_CALL_TIMEOUT = Duration.ofSeconds(20);
    /** Two retries, after 200 ms and after 800 ms. */
    public static final List<Duration> DEFAULT_RETRY_BACKOFF = List.of(Duration.ofMillis(200), Duration.ofMillis(800));
    /** More would only hide an outage from the person at the kiosk. */
    public static final int MAX_RETRIES = 10;

    public ClientSettings {
        positive("connectTimeout", connectTimeout);
        positive("readTimeout", readTimeout);
        positive("writeTimeout", writeTimeout);
        positive("callTimeout", callTimeout);
        Objects.requireNonNull(retryBackoff, "retryBackoff");
        retryBackoff = List.copyOf(retryBackoff);
        if (retryBackoff.size() > MAX_RETRIES) {
            throw new IllegalArgumentException("at most " + MAX_RETRIES + " retries");
        }
        for (Duration wait : retryBackoff) {
            if (wait.isNegative()) {
                throw new IllegalArgumentException("retry backoff must not be negative");
            }
        }
    }

    /** 5 s connect, 10 s read, 10 s write, 20 s per attempt, retries after 200 ms and 800 ms. */
    public static ClientSettings defaults() {
        return new ClientSettings(DEFAULT_CONNECT_TIMEOUT, DEFAULT_READ_TIMEOUT, DEFAULT_WRITE_TIMEOUT,
                DEFAULT_CALL_TIMEOUT, DEFAULT_RETRY_BACKOFF);
    }

    public ClientSettings withTimeouts(Duration connect, Duration read, Duration write, Duration call) {
        return new ClientSettings(connect, read, write, call, retryBackoff);
    }

    public ClientSettings withRetryBackoff(List<Duration> backoff) {
        return new ClientSettings(connectTimeout, readTimeout, writeTimeout, callTimeout, backoff);
    }

    /** How many times a failed attempt may be repeated. */
    public int retries() {
        return retryBackoff.size();
    }

    private static void positive(String name, Duration value) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw new IllegalArgumentException(name + " must be positive");
        }
    }
}
