package com.valuekiosk.kiosk.diagnostics;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one check's body with a deadline: on a daemon worker thread, the caller waiting at most the timeout. A body
 * that throws or does not finish in time gives a {@link Verdict#FAIL} result saying so (the worker is interrupted
 * and left behind: a PC/SC call that hangs cannot hold the caller). Listeners hear the start and the end.
 */
public final class CheckRunner implements AutoCloseable {

    /** A check's work. */
    @FunctionalInterface
    public interface Body {
        Outcome run() throws Exception;
    }

    private static final Logger LOG = LoggerFactory.getLogger(CheckRunner.class);
    private static final AtomicInteger THREADS = new AtomicInteger();

    private final Duration timeout;
    private final Clock clock;
    private final ExecutorService workers = Executors.newCachedThreadPool(task -> {
        Thread thread = new Thread(task, "diagnostics-" + THREADS.incrementAndGet());
        thread.setDaemon(true);
        return thread;
    });

    public CheckRunner(Duration timeout, Clock clock) {
        if (timeout.isNegative() || timeout.isZero()) {
            throw new IllegalArgumentException("a check's timeout must be positive");
        }
        this.timeout = timeout;
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    public Duration timeout() {
        return timeout;
    }

    public CheckResult run(Check check, String subject, DiagnosticListener listener, Body body) {
        return run(check, subject, listener, timeout, body);
    }

    public CheckResult run(Check check, String subject, DiagnosticListener listener, Duration limit, Body body) {
        notify(() -> listener.started(check, subject));
        Instant started = clock.instant();
        long start = System.nanoTime();
        Outcome outcome;
        Future<Outcome> future = workers.submit(body::run);
        try {
            outcome = future.get(limit.toNanos(), TimeUnit.NANOSECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            outcome = Outcome.of(Verdict.FAIL, "no answer within " + limit.toMillis() + " ms", List.of());
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            LOG.debug("Check {} on {} failed", check.id(), subject, cause);
            outcome = Outcome.of(Verdict.FAIL, describe(cause), List.of());
        } catch (InterruptedException e) {
            future.cancel(true);
            Thread.currentThread().interrupt();
            outcome = Outcome.of(Verdict.FAIL, "interrupted", List.of());
        }
        CheckResult result = new CheckResult(check, subject, outcome.verdict(), outcome.message(), started,
                Duration.ofNanos(System.nanoTime() - start), outcome.findings(), outcome.samplesNanos());
        notify(() -> listener.finished(result));
        return result;
    }

    /** "CardRemovedException: the card on … " — the class says who failed; card numbers are masked by the result. */
    public static String describe(Throwable failure) {
        String message = failure.getMessage();
        return failure.getClass().getSimpleName() + (message == null ? "" : ": " + message);
    }

    private static void notify(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            LOG.warn("A diagnostics listener failed: {}", describe(e));
        }
    }

    @Override
    public void close() {
        workers.shutdownNow();
    }
}
