package com.valuekiosk.wire;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * "Amount available for charging-up: ¥2,000" (FIG. 10B), and what it is made of; with a fresh
 * {@code challenge} for the card's PROVE STATE, so that the YES that follows needs no extra round trip.
 */
public record Availability(String maskedCardNumber, long total, String currency, List<Prepared> preparations,
                           String challenge) {

    public record Prepared(UUID preparationId, long amount, PreparationNotice.Source source, Instant expiresAt) {
    }
}
