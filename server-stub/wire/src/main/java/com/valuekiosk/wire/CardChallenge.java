package com.valuekiosk.wire;

import java.time.Instant;

/**
 * A challenge for the card's PROVE STATE: 8 random bytes in hex, for this card only, good for one
 * accepted proof until {@code expiresAt}.
 */
public record CardChallenge(String maskedCardNumber, String challenge, Instant expiresAt) {
}
