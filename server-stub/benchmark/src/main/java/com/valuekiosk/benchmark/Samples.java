package com.valuekiosk.benchmark;

import java.util.Arrays;

/** Durations in nanoseconds, appended by one thread; read after that thread has finished. */
final class Samples {

    private long[] values;
    private int size;

    Samples(int expected) {
        values = new long[Math.max(expected, 16)];
    }

    void add(long nanos) {
        if (size == values.length) {
            values = Arrays.copyOf(values, size * 2);
        }
        values[size++] = nanos;
    }

    int size() {
        return size;
    }

    long[] toArray() {
        return Arrays.copyOf(values, size);
    }
}
