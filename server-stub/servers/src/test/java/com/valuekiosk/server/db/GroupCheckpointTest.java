package com.valuekiosk.server.db;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.SQLException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

class GroupCheckpointTest {

    private final GroupCheckpoint group = new GroupCheckpoint();
    private final AtomicInteger writes = new AtomicInteger();
    private final ExecutorService threads = Executors.newFixedThreadPool(3);

    @AfterEach
    void stopThreads() {
        threads.shutdownNow();
    }

    @Test
    void aCommitWithNobodyElseAroundWritesItself() throws SQLException {
        group.committed(writes::incrementAndGet);
        group.committed(writes::incrementAndGet);

        assertThat(writes).as("one write per commit made after the last write").hasValue(2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void commitsWaitingBehindAWriteShareTheNextOne() throws Exception {
        WriteUnderWay first = new WriteUnderWay(true);

        // Two more commits return while the first one's write is under way: that write may not hold them.
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> commit(writes::incrementAndGet), threads);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> commit(writes::incrementAndGet), threads);
        first.finishOnceWaiting(2);
        CompletableFuture.allOf(second, third).get();

        assertThat(writes).as("the first commit's write, then one write for the two that waited").hasValue(2);
    }

    @Test
    @Timeout(value = 10, unit = TimeUnit.SECONDS)
    void aWriteThatFailsWritesNothingForTheCommitsItWasToHold() throws Exception {
        WriteUnderWay first = new WriteUnderWay(false);

        // Two commits wait; the write made for both (by whichever goes first) fails.
        AtomicInteger failuresLeft = new AtomicInteger(1);
        GroupCheckpoint.Write failingOnce = () -> {
            if (failuresLeft.getAndDecrement() > 0) {
                throw new SQLException("disk full");
            }
            writes.incrementAndGet();
        };
        CompletableFuture<Void> second = CompletableFuture.runAsync(() -> commit(failingOnce), threads);
        CompletableFuture<Void> third = CompletableFuture.runAsync(() -> commit(failingOnce), threads);
        first.finishOnceWaiting(2);

        assertThat(Stream.of(second, third).filter(this::failed)).as("the commit whose write failed hears it").hasSize(1);
        assertThat(writes).as("the other commit wrote itself after the failure").hasValue(1);
    }

    private boolean failed(CompletableFuture<Void> commit) {
        try {
            commit.get();
            return false;
        } catch (ExecutionException e) {
            assertThat(e).hasRootCauseMessage("disk full");
            return true;
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A commit whose write has started and waits to be let finish; commits made meanwhile queue behind it. */
    private final class WriteUnderWay {
        private final CountDownLatch finish = new CountDownLatch(1);
        private final CompletableFuture<Void> commit;

        WriteUnderWay(boolean counted) throws InterruptedException {
            CountDownLatch started = new CountDownLatch(1);
            commit = CompletableFuture.runAsync(() -> commit(() -> {
                if (counted) {
                    writes.incrementAndGet();
                }
                started.countDown();
                await(finish);
            }), threads);
            started.await();
        }

        /** Lets the write finish once {@code commits} others wait behind it. */
        void finishOnceWaiting(int commits) throws Exception {
            while (group.waiting() < commits) {
                Thread.onSpinWait();
            }
            finish.countDown();
            commit.get();
        }
    }

    private void commit(GroupCheckpoint.Write write) {
        try {
            group.committed(write);
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
