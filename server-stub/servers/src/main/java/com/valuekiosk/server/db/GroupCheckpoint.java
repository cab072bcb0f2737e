package com.valuekiosk.server.db;

import java.sql.SQLException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Writes H2's commits to its file before their answers go, one write for as many commits as were
 * waiting for it. A CHECKPOINT writes every commit made before it starts; so a thread that queued
 * behind another's CHECKPOINT may find, when its turn comes, that a later one has already written
 * its commit, and goes on without a write of its own. Under the benchmark's load this halved the
 * CHECKPOINTs per flow, though not the CPU they cost (the benchmark's README, fifth round).
 */
final class GroupCheckpoint {

    /** The file write: a CHECKPOINT on one of the database's connections. */
    @FunctionalInterface
    interface Write {
        void run() throws SQLException;
    }

    /** Commits counted so far, each counted after its commit returned. */
    private final AtomicLong commits = new AtomicLong();
    /** One write at a time; the threads waiting behind it queue here. */
    private final ReentrantLock writing = new ReentrantLock();
    /** The commits that a finished write has put in the file; guarded by {@link #writing}. */
    private long written;

    /**
     * Returns once the commit that has just returned on the calling thread is in the file, having
     * run {@code write} for it, and for every commit before it, unless another thread's write already
     * did. A write that fails writes nothing for anyone: the next commit's write tries again.
     */
    void committed(Write write) throws SQLException {
        long commit = commits.incrementAndGet();
        writing.lock();
        try {
            if (written >= commit) {
                return;
            }
            // Every commit counted by now had returned before the write starts: the write holds it.
            long upTo = commits.get();
            write.run();
            written = upTo;
        } finally {
            writing.unlock();
        }
    }

    /** Threads waiting for a write to finish (for tests). */
    int waiting() {
        return writing.getQueueLength();
    }
}
