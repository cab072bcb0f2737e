package com.valuekiosk.wire;

import java.time.Instant;
import java.util.UUID;

/** The e-money server has the VALUE prepared (or had it already: same answer for the same notice). */
public record PreparationAck(UUID preparationId, UUID requestId, String maskedEmoneyCardNumber, long amount,
                             String currency, Instant expiresAt) {
}
