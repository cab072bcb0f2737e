package com.valuekiosk.benchmark;

/**
 * The moments the kiosks tell whoever measures CPU time: when the measured flows start and end,
 * and when the measured part of the hello-world ceiling starts and ends. In a load generator process
 * they become lines on its standard output ({@link LoadGenerator}).
 */
record Marks(Runnable flowsStart, Runnable flowsEnd, Runnable ceilingStart, Runnable ceilingEnd) {

    static final Runnable NOTHING = () -> { };
}
