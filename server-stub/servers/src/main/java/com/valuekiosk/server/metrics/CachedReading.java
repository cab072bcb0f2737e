package com.valuekiosk.server.metrics;

import java.time.Duration;
import java.util.Objects;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A reading that is costly to take (a database query), taken when a gauge asks for it and kept for
 * {@code maxAge}, so that scrapes, and the several gauges one query feeds, cost at most one query
 * per interval. A reading that fails is logged and answered as {@code fallback} until the next try.
 */
public final class CachedReading<T> implements Supplier<T> {

    private static final Logger log = LoggerFactory.getLogger(CachedReading.class);

    private final String what;
    private final Supplier<T> read;
    private final long maxAgeNanos;
    private final T fallback;
    private final LongSupplier nanoTime;
    private T value;
    private long readAt;
    private boolean loaded;

    public CachedReading(String what, Supplier<T> read, Duration maxAge, T fallback) {
        this(what, read, maxAge, fallback, System::nanoTime);
    }

    /** With the time source (nanoseconds, as {@link System#nanoTime}) that tests move by hand. */
    public CachedReading(String what, Supplier<T> read, Duration maxAge, T fallback, LongSupplier nanoTime) {
        this.nanoTime = Objects.requireNonNull(nanoTime, "nanoTime");
        this.what = Objects.requireNonNull(what, "what");
        this.read = Objects.requireNonNull(read, "read");
        this.maxAgeNanos = maxAge.toNanos();
        this.fallback = fallback;
    }

    @Override
    public synchronized T get() {
        long now = nanoTime.getAsLong();
        if (!loaded || now - readAt >= maxAgeNanos) {
            try {
                value = read.get();
            } catch (RuntimeException e) {
                log.warn("metrics: {} could not be read: {}", what, e.toString());
                value = fallback;
            }
            readAt = now;
            loaded = true;
        }
        return value;
    }
}
