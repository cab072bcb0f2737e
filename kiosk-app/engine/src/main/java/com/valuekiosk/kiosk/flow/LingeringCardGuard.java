package com.valuekiosk.kiosk.flow;

import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardReader;
import java.util.IdentityHashMap;
import java.util.Map;

/**
 * Keeps a card that stays on the reader after a completed charge-up from being processed again
 * by accident (R-KI5): the card must leave the reader (a CARD_REMOVED event) before the same card
 * may start another charge-up there. A different card is not held up.
 */
public final class LingeringCardGuard {

    private final Map<CardReader, String> lastCharged = new IdentityHashMap<>();

    /** Starts watching {@code reader}'s removals. */
    public synchronized void watch(CardReader reader) {
        reader.addListener(event -> {
            if (event.type() == CardEvent.Type.CARD_REMOVED || event.type() == CardEvent.Type.READER_LOST) {
                cleared(reader);
            }
        });
    }

    synchronized void chargedOnReader(CardReader reader, String fingerprint) {
        lastCharged.put(reader, fingerprint);
    }

    synchronized boolean isLingering(CardReader reader, String fingerprint) {
        return fingerprint.equals(lastCharged.get(reader));
    }

    private synchronized void cleared(CardReader reader) {
        lastCharged.remove(reader);
    }
}
