package com.valuekiosk.wire;

import com.fasterxml.uuid.Generators;
import com.fasterxml.uuid.impl.TimeBasedEpochGenerator;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * New ids that begin with the time they were made: request ids, purchase and preparation ids, charge
 * numbers. A database index takes such ids near its end, so that the rows of one second share a few
 * pages. Random ids put each new row on a page of its own in every index, and H2 writes every page a
 * transaction changed (the benchmark's README measures the difference). Such an id tells when it was
 * made, to the millisecond; every message that carries one is timestamped anyway.
 */
public final class TimeOrderedIds {

    /** The largest integer a JSON client that reads numbers as doubles keeps exact: 2^53 - 1. */
    static final long MAX_JSON_SAFE = (1L << 53) - 1;

    /** 2020-01-01T00:00Z in Unix milliseconds, where charge numbers start counting. */
    static final long CHARGE_EPOCH_MILLIS = 1_577_836_800_000L;

    /** Random bits below the milliseconds: 2^53 / 2^11 milliseconds from 2020 lasts until 2159. */
    static final int RANDOM_BITS = 11;

    // Version 7 (RFC 9562): 48 bits of Unix milliseconds, then random bits that this generator
    // counts up within one millisecond, so that its ids only increase.
    private static final TimeBasedEpochGenerator UUIDS = Generators.timeBasedEpochGenerator();

    private static final TimeOrderedIds SYSTEM = new TimeOrderedIds(System::currentTimeMillis);

    private final LongSupplier millis;
    private final AtomicLong last = new AtomicLong();

    TimeOrderedIds(LongSupplier millis) {
        this.millis = millis;
    }

    /** A version 7 UUID: its first 48 bits are the time; later ones from this JVM sort after earlier ones. */
    public static UUID uuid() {
        return UUIDS.generate();
    }

    /**
     * A positive number at most {@link #MAX_JSON_SAFE}: the milliseconds since 2020 times 2,048 plus 11
     * random bits, and always above the last one made by this JVM. Two JVMs making one in the same
     * millisecond clash once in 2,048 times; the unique key that stores it refuses the second, and the
     * database retries that transaction with a new number.
     */
    public static long jsonSafeLong() {
        return SYSTEM.nextJsonSafeLong();
    }

    long nextJsonSafeLong() {
        long sinceEpoch = millis.getAsLong() - CHARGE_EPOCH_MILLIS;
        if (sinceEpoch < 0 || sinceEpoch > MAX_JSON_SAFE >>> RANDOM_BITS) {
            throw new IllegalStateException("the clock is outside 2020..2159: no charge number fits 53 bits");
        }
        long fresh = (sinceEpoch << RANDOM_BITS) | ThreadLocalRandom.current().nextInt(1 << RANDOM_BITS);
        // Above the last one even when the clock steps back or 2,048 are asked for in one millisecond.
        return last.accumulateAndGet(fresh, (previous, candidate) -> Math.max(previous + 1, candidate));
    }
}
