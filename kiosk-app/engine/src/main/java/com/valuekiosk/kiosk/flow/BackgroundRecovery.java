package com.valuekiosk.kiosk.flow;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs {@link Recovery} off the caller's thread: once at start, every {@code interval} after, and
 * whenever {@link #trigger()} says a flow just left a transaction open (its answer was lost). Runs
 * never overlap: a trigger during a run waits for it, and triggers arriving together make one run.
 * {@link #close()} lets a run in progress finish (bounded by {@code closeTimeout}), starts no other,
 * and only then returns — after it nothing writes to the journal.
 */
public final class BackgroundRecovery implements AutoCloseable {

    public static final Duration DEFAULT_INTERVAL = Duration.ofMinutes(1);
    /** A run asks at most a few servers with bounded retries; after this, close interrupts it. */
    public static final Duration DEFAULT_CLOSE_TIMEOUT = Duration.ofSeconds(90);

    private static final Logger log = LoggerFactory.getLogger(BackgroundRecovery.class);

    private final Supplier<Recovery.Report> recovery;
    private final ScheduledExecutorService executor;
    private final Duration closeTimeout;
    private final ReentrantLock running = new ReentrantLock();
    private final AtomicBoolean triggered = new AtomicBoolean();
    private final CompletableFuture<Recovery.Report> first = new CompletableFuture<>();
    private final List<Consumer<Recovery.Report>> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean closed;

    public BackgroundRecovery(Supplier<Recovery.Report> recovery, ScheduledExecutorService executor, Duration closeTimeout) {
        this.recovery = Objects.requireNonNull(recovery, "recovery");
        this.executor = Objects.requireNonNull(executor, "executor");
        this.closeTimeout = Objects.requireNonNull(closeTimeout, "closeTimeout");
    }

    /** One daemon thread named {@code kiosk-recovery}: recovery never keeps the JVM alive. */
    public static ScheduledExecutorService newExecutor() {
        return Executors.newSingleThreadScheduledExecutor(task -> {
            Thread thread = new Thread(task, "kiosk-recovery");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Runs at once in the background, then every {@code interval}. */
    public void start(Duration interval) {
        if (interval.isNegative() || interval.isZero()) {
            throw new IllegalArgumentException("interval must be positive: " + interval);
        }
        executor.scheduleWithFixedDelay(this::runInBackground, 0, interval.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** A flow left a transaction open: run soon, without waiting for the interval. */
    public void trigger() {
        if (closed || !triggered.compareAndSet(false, true)) {
            return;
        }
        try {
            executor.execute(() -> {
                triggered.set(false);
                runInBackground();
            });
        } catch (RejectedExecutionException e) {
            triggered.set(false); // closing
        }
    }

    /** Runs now on the caller's thread, after any run in progress. */
    public Recovery.Report runNow() {
        running.lock();
        try {
            if (closed) {
                throw new IllegalStateException("recovery is closed");
            }
            Recovery.Report report = recovery.get();
            listeners.forEach(listener -> listener.accept(report));
            first.complete(report); // after the listeners: one added once firstRun() returned hears only later runs
            return report;
        } finally {
            running.unlock();
        }
    }

    private void runInBackground() {
        if (closed) {
            return;
        }
        try {
            runNow();
        } catch (RuntimeException e) {
            if (!closed) {
                // Logged here, where it ends; the next interval or trigger tries again.
                log.warn("recovery run failed; it runs again at the next interval", e);
                first.completeExceptionally(e);
            }
        }
    }

    /** What the first run did, once it has finished (waits for it). */
    public Recovery.Report firstRun() {
        return first.join();
    }

    /** Told what every run did, on the recovery thread. */
    public void addListener(Consumer<Recovery.Report> listener) {
        listeners.add(Objects.requireNonNull(listener));
    }

    /** True while a caller waits for the run in progress (for tests of the no-overlap rule). */
    boolean hasWaitingRun() {
        return running.hasQueuedThreads();
    }

    @Override
    public void close() {
        closed = true;
        executor.shutdown();
        try {
            if (!executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("recovery still running after {}; interrupting it", closeTimeout);
                executor.shutdownNow();
                executor.awaitTermination(closeTimeout.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            executor.shutdownNow();
            Thread.currentThread().interrupt();
        }
        // Waits for a runNow() of another caller too: after close nothing of recovery writes.
        running.lock();
        running.unlock();
    }
}
