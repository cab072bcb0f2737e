package com.valuekiosk.wire;

/**
 * Where a charge stands. ISSUED: amount change information is out, its outcome unknown.
 * COMPLETED: the card applied it. CANCELLED: the card did not, and the VALUE is available again.
 */
public record ChargeStatus(long chargeId, State state, long amount, String currency) {

    public enum State { ISSUED, COMPLETED, CANCELLED }
}
