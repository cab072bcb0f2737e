package com.valuekiosk.kiosk.journal;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

/**
 * One step of one kiosk transaction, as written to the journal. {@code fields} hold what recovery
 * needs — request ids, amounts, charge ids, masked card numbers, card fingerprints — and never a
 * PIN, a password or a full card number.
 */
public record JournalEntry(long sequence, Instant at, UUID transaction, Step step, Map<String, String> fields) {

    public JournalEntry {
        // In the order given (a step's own order, or the file's when read back): an entry written again by a
        // compaction is the same line of text. Map.copyOf's order changes from one JVM to the next.
        fields = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(fields));
    }

    /** A field as stored; the journal itself reads only what it needs to keep its files (charge ids). */
    public String field(String name) {
        return fields.get(name);
    }

    /**
     * What the step recorded, typed (flows and recovery read this).
     *
     * @throws IllegalArgumentException when the stored fields do not make the step's record (the message names the field)
     */
    public StepRecord details() {
        return StepRecord.read(step, fields);
    }
}
