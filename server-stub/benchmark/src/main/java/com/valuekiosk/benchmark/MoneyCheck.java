package com.valuekiosk.benchmark;

import java.util.Map;

/**
 * Where the money of a run went, counted in three independent places: what the credit company
 * server billed, what the purses hold more than at the start, and what the e-money server marked
 * COMPLETED. {@code expected} is successful flows (warm-up included) times the amount.
 */
public record MoneyCheck(long billed, long billingRecords, long cardIncrease, int cards, long completed,
                         long completedCharges, long expected, Map<String, Long> outbox, long openPreparations) {

    /** The three sums agree. */
    public boolean holds() {
        return billed == cardIncrease && cardIncrease == completed;
    }
}
