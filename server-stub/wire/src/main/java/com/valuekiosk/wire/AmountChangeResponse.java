package com.valuekiosk.wire;

/**
 * Amount change information for the card: the kiosk writes {@code amount}, {@code sequence},
 * {@code chargeId} (the server transaction id) and {@code mac} to the card with CREDIT, unchanged.
 */
public record AmountChangeResponse(long chargeId, String maskedCardNumber, long amount, String currency, int sequence,
                                   String mac) {
}
