package com.valuekiosk.wire;

import java.util.List;

/**
 * What the e-money card proved just before the kiosk asked: its credit sequence number (the next
 * CREDIT must carry it), its balance, the e-money server's {@code challenge} it answered, and its
 * {@code proof}: the card's PROVE STATE MAC under its credit key over card number, balance, credit
 * sequence and challenge (APDU.md §6.8). The server acts only on a proof that verifies under a
 * challenge it issued for this card and that was not used before; a terminal's word alone counts
 * for nothing. {@code loggedTransactionIds} (server transaction ids of the card's CREDIT log records,
 * newest first) is carried for diagnosis; the server does not act on it.
 */
public record CardState(int creditSequence, long balance, List<Long> loggedTransactionIds, String challenge, String proof) {

    public CardState {
        Fields.sequence("creditSequence", creditSequence);
        if (balance < 0 || balance > Fields.MAX_AMOUNT) {
            throw new IllegalArgumentException("balance must be 0.." + Fields.MAX_AMOUNT);
        }
        if (loggedTransactionIds == null || loggedTransactionIds.size() > 255) {
            throw new IllegalArgumentException("loggedTransactionIds must be a list of at most 255 ids");
        }
        loggedTransactionIds = List.copyOf(loggedTransactionIds);
        challenge = Fields.mac("challenge", challenge);
        proof = Fields.mac("proof", proof);
    }
}
