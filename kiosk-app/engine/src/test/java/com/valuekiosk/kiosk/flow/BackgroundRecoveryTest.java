package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class BackgroundRecoveryTest {

    private static final Recovery.Report NOTHING = new Recovery.Report(0, 0, 0, 0);
    private static final Duration AN_HOUR = Duration.ofHours(1);

    private final ScheduledExecutorService executor = BackgroundRecovery.newExecutor();
    private final ExecutorService callers = Executors.newFixedThreadPool(2);

    @AfterEach
    void stopThreads() {
        executor.shutdownNow();
        callers.shutdownNow();
    }

    @Test
    void startReturnsAtOnceAndTheFirstRunHappensInTheBackground() throws Exception {
        CountDownLatch release = new CountDownLatch(1);
        CountDownLatch started = new CountDownLatch(1);
        BackgroundRecovery recovery = new BackgroundRecovery(() -> {
            started.countDown();
            await(release);
            return new Recovery.Report(1, 2, 3, 0);
        }, executor, Duration.ofSeconds(10));

        recovery.start(AN_HOUR); // returns although the run blocks: the window would not wait

        assertThat(started.await(10, TimeUnit.SECONDS)).isTrue();
        assertThat(Thread.currentThread().getName()).isNotEqualTo("kiosk-recovery");
        release.countDown();
        assertThat(recovery.firstRun()).isEqualTo(new Recovery.Report(1, 2, 3, 0));
        recovery.close();
    }

    @Test
    void runsAgainEveryInterval() throws Exception {
        CountDownLatch threeRuns = new CountDownLatch(3);
        BackgroundRecovery recovery = new BackgroundRecovery(() -> {
            threeRuns.countDown();
            return NOTHING;
        }, executor, Duration.ofSeconds(10));

        recovery.start(Duration.ofMillis(5));

        assertThat(threeRuns.await(10, TimeUnit.SECONDS)).as("three runs without any trigger").isTrue();
        recovery.close();
    }

    @Test
    void aTriggerRunsWithoutWaitingForTheInterval() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch secondRun = new CountDownLatch(2);
        BackgroundRecovery recovery = new BackgroundRecovery(() -> {
            runs.incrementAndGet();
            secondRun.countDown();
            return NOTHING;
        }, executor, Duration.ofSeconds(10));
        recovery.start(AN_HOUR);
        recovery.firstRun();

        recovery.trigger();

        assertThat(secondRun.await(10, TimeUnit.SECONDS)).isTrue();
        recovery.close();
        assertThat(runs).hasValue(2);
    }

    @Test
    void runsNeverOverlap() throws Exception {
        AtomicInteger running = new AtomicInteger();
        AtomicInteger mostAtOnce = new AtomicInteger();
        CountDownLatch firstInside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        Supplier<Recovery.Report> run = () -> {
            mostAtOnce.accumulateAndGet(running.incrementAndGet(), Math::max);
            if (runs.incrementAndGet() == 1) {
                firstInside.countDown();
                await(release);
            }
            running.decrementAndGet();
            return NOTHING;
        };
        BackgroundRecovery recovery = new BackgroundRecovery(run, executor, Duration.ofSeconds(10));
        recovery.start(AN_HOUR);
        assertThat(firstInside.await(10, TimeUnit.SECONDS)).isTrue();

        Future<Recovery.Report> byHand = callers.submit(recovery::runNow);
        recovery.trigger();
        waitUntil(recovery::hasWaitingRun);
        release.countDown();
        byHand.get(10, TimeUnit.SECONDS);
        recovery.close();

        assertThat(runs.get()).isBetween(2, 3);
        assertThat(mostAtOnce).as("never two runs at once").hasValue(1);
    }

    @Test
    void closeWaitsForTheRunInProgressAndStartsNoOther() throws Exception {
        CountDownLatch inside = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger runs = new AtomicInteger();
        AtomicInteger finished = new AtomicInteger();
        BackgroundRecovery recovery = new BackgroundRecovery(() -> {
            runs.incrementAndGet();
            inside.countDown();
            await(release);
            finished.incrementAndGet();
            return NOTHING;
        }, executor, Duration.ofSeconds(10));
        recovery.start(AN_HOUR);
        assertThat(inside.await(10, TimeUnit.SECONDS)).isTrue();
        recovery.trigger();

        Future<?> closing = callers.submit(recovery::close);
        waitUntil(executor::isShutdown); // close has begun
        release.countDown();
        closing.get(10, TimeUnit.SECONDS);

        assertThat(finished).as("the run in progress finished before close returned").hasValue(1);
        recovery.trigger();
        assertThat(executor.isTerminated()).isTrue();
        assertThat(runs).as("the queued trigger and the later one did not run").hasValue(1);
        assertThatThrownBy(recovery::runNow).isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aFailedRunIsLoggedAndTheNextOneStillHappens() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch secondRun = new CountDownLatch(2);
        BackgroundRecovery recovery = new BackgroundRecovery(() -> {
            secondRun.countDown();
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("journal damaged");
            }
            return NOTHING;
        }, executor, Duration.ofSeconds(10));

        recovery.start(Duration.ofMillis(5));

        assertThat(secondRun.await(10, TimeUnit.SECONDS)).isTrue();
        recovery.close();
    }

    private static void await(CountDownLatch latch) {
        try {
            if (!latch.await(10, TimeUnit.SECONDS)) {
                throw new AssertionError("not released within 10 s");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** Polls a condition another thread makes true (bounded: fails after 10 s). */
    private static void waitUntil(java.util.function.BooleanSupplier condition) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within 10 s");
            }
            Thread.onSpinWait();
        }
    }
}
