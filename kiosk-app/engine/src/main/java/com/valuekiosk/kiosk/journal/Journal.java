package com.valuekiosk.kiosk.journal;

import java.util.List;
import java.util.UUID;

/**
 * The kiosk's durable record of every transaction step (R-KI5, the "data storage portion" of
 * FIG. 3). {@link #append} returns only once the entry is on stable storage, so a step the flow
 * acted on after appending survives a crash or a power cut.
 */
public interface Journal extends AutoCloseable {

    /** Records one step of {@code transaction}; on stable storage when this returns. */
    JournalEntry append(UUID transaction, StepRecord record);

    /**
     * Every entry not yet archived, oldest first: all entries of open transactions, and those of
     * transactions finished since the journal last archived its finished ones.
     */
    List<JournalEntry> entries();

    /** All entries of one transaction not yet archived, oldest first. */
    List<JournalEntry> of(UUID transaction);

    /** The last entry of each transaction whose last step is not terminal. */
    List<JournalEntry> unfinished();

    @Override
    void close();
}
