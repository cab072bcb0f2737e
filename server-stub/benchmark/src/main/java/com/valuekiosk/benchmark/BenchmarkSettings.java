package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.Bytes;
import java.time.Duration;

/**
 * What one benchmark run does: {@code kiosks} simulated kiosks, each running {@code warmupFlows}
 * unmeasured and then {@code flows} measured flows of {@code amount} (minor units). When the
 * e-money server has nothing for a card yet, availability is asked again up to
 * {@code availabilityAttempts} times in all, {@code availabilityPause} apart. The credit company
 * server delivers pending notices in the background every {@code deliveryInterval}. The person at a
 * kiosk touches "Charge up now" {@code chargeAfter} after the purchase's answer (zero: at once).
 * The HTTPS ceiling is measured for {@code ceilingTime} after half as long unmeasured (zero: not
 * measured).
 */
public record BenchmarkSettings(int kiosks, int warmupFlows, int flows, long amount, int availabilityAttempts,
                                Duration availabilityPause, Duration deliveryInterval, Duration chargeAfter,
                                Duration ceilingTime) {

    /**
     * How long the ceiling is measured unless told otherwise, after half as long unmeasured. The
     * ceiling comes first, in fresh JVMs, whose one C2 compiler thread each needs many seconds under
     * this load to compile the HTTPS path: measured for 5 or 10 s it gave a fifth to a third of its
     * speed, for 30 s 11,502–16,271 requests/s, for 60 s 16,095–18,866 with at most 1 % of either
     * JVM's CPU still compiling (the README's twelfth round; the report's {@code ceiling JIT} line).
     */
    static final long DEFAULT_CEILING_SECONDS = 60;

    /** Terminal ids are BENCH001..BENCH999: 8 characters. */
    public static final int MAX_KIOSKS = 999;
    /** Every purse may hold this much: enough for all flows of a run. */
    public static final long PURSE_MAXIMUM_BALANCE = 1_000_000_000L;

    public BenchmarkSettings {
        if (kiosks < 1 || kiosks > MAX_KIOSKS) {
            throw new IllegalArgumentException("kiosks must be 1.." + MAX_KIOSKS);
        }
        if (warmupFlows < 0 || flows < 1) {
            throw new IllegalArgumentException("warm-up flows must be 0 or more, measured flows 1 or more");
        }
        // Each flow uses one ATC of the credit card and one credit sequence number of the purse (16 bits each).
        if ((long) warmupFlows + flows > 0xFFFE) {
            throw new IllegalArgumentException("at most 65534 flows per kiosk: the cards' counters are 16 bits");
        }
        if (amount < 1 || amount > Bytes.MAX_AMOUNT) {
            throw new IllegalArgumentException("amount must be 1.." + Bytes.MAX_AMOUNT);
        }
        if (amount * (warmupFlows + flows) > PURSE_MAXIMUM_BALANCE) {
            throw new IllegalArgumentException("amount x flows per kiosk must fit the purse's maximum balance "
                    + PURSE_MAXIMUM_BALANCE);
        }
        if (chargeAfter.isNegative() || ceilingTime.isNegative()) {
            throw new IllegalArgumentException("the charge-up delay and the ceiling's time must be 0 or more");
        }
        if (availabilityAttempts < 1 || availabilityPause.isNegative()) {
            throw new IllegalArgumentException("availability needs at least one attempt and a pause of 0 or more");
        }
    }

    /** The defaults of the command line, with other sizes. */
    public static BenchmarkSettings of(int kiosks, int warmupFlows, int flows) {
        return new BenchmarkSettings(kiosks, warmupFlows, flows, 1_000, 100, Duration.ofMillis(50), Duration.ofSeconds(1),
                Duration.ZERO, Duration.ofSeconds(DEFAULT_CEILING_SECONDS));
    }

    public int flowsPerKiosk() {
        return warmupFlows + flows;
    }
}
