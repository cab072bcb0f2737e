package com.valuekiosk.kiosk;

import com.valuekiosk.kiosk.flow.LiveTransactions;
import com.valuekiosk.kiosk.journal.Journal;
import com.valuekiosk.kiosk.journal.JournalEntry;
import com.valuekiosk.kiosk.journal.StepRecord;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * The journal as one flow sees it: every transaction the flow writes to is claimed in
 * {@link LiveTransactions} before the entry is written, so background recovery keeps off it until
 * {@link #release()} (the flow has ended). Closing it leaves the shared journal open.
 */
final class FlowJournal implements Journal {

    private final Journal journal;
    private final LiveTransactions live;
    private final Set<UUID> claimed = ConcurrentHashMap.newKeySet();

    FlowJournal(Journal journal, LiveTransactions live) {
        this.journal = journal;
        this.live = live;
    }

    @Override
    public JournalEntry append(UUID transaction, StepRecord record) {
        claimed.add(transaction);
        live.claim(transaction);
        return journal.append(transaction, record);
    }

    /** Releases the flow's transactions; true if one of them is still open (an answer was lost). */
    boolean release() {
        if (claimed.isEmpty()) {
            return false;
        }
        claimed.forEach(live::release);
        boolean leftOpen = journal.unfinished().stream().anyMatch(entry -> claimed.contains(entry.transaction()));
        claimed.clear();
        return leftOpen;
    }

    @Override
    public List<JournalEntry> entries() {
        return journal.entries();
    }

    @Override
    public List<JournalEntry> of(UUID transaction) {
        return journal.of(transaction);
    }

    @Override
    public List<JournalEntry> unfinished() {
        return journal.unfinished();
    }

    @Override
    public void close() {
        // The engine's journal outlives its flows.
    }
}
