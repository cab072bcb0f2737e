package com.valuekiosk.wire;

/**
 * Where a charge stands. ISSUED: amount change information is out, its outcome unknown.
 * COMPLETED: the card applied it. A charge is never cancelled: until the card applies it, it is
 * re-sent unchanged (one charge per card and sequence number is what keeps VALUE from being applied twice).
 */
public record ChargeStatus(long chargeId, State state, long amount, String currency) {

    public enum State { ISSUED, COMPLETED }
}
