package com.valuekiosk.wire;

import java.util.List;

/**
 * What the kiosk read from the e-money card just before asking: its credit sequence number (the
 * next CREDIT must carry it), its balance, and the server transaction ids in its log, newest
 * first. With it the e-money server tells whether an amount change it issued earlier was applied.
 */
public record CardState(int creditSequence, long balance, List<Long> loggedTransactionIds) {

    public CardState {
        Fields.sequence("creditSequence", creditSequence);
        if (balance < 0 || balance > Fields.MAX_AMOUNT) {
            throw new IllegalArgumentException("balance must be 0.." + Fields.MAX_AMOUNT);
        }
        if (loggedTransactionIds == null || loggedTransactionIds.size() > 255) {
            throw new IllegalArgumentException("loggedTransactionIds must be a list of at most 255 ids");
        }
        loggedTransactionIds = List.copyOf(loggedTransactionIds);
    }
}
