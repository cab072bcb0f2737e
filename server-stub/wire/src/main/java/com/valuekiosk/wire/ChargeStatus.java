package com.valuekiosk.wire;

/**
 * Where a charge stands. ISSUED: amount change information is out, its outcome unknown.
 * COMPLETED: the card applied it. CANCELLED: the card proved a credit sequence below the charge's, so
 * it never applied it; its VALUE is waiting again (or refunded). While a card has not moved past a
 * charge's sequence number, the charge is re-sent unchanged (one charge per card and sequence number
 * is what keeps VALUE from being applied twice).
 */
public record ChargeStatus(long chargeId, State state, long amount, String currency) {

    public enum State { ISSUED, COMPLETED, CANCELLED }
}
