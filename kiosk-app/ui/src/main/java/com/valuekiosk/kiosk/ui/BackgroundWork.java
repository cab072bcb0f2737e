package com.valuekiosk.kiosk.ui;

import java.util.Objects;
import java.util.concurrent.Callable;
import java.util.concurrent.Executor;
import java.util.function.Consumer;
import javafx.application.Platform;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Work off the FX thread (JabRef {@code BackgroundTask}): {@code wrap(callable).onSuccess(...).onFailure(...).start()}
 * runs the callable on the injected executor and hands its result or its exception to the FX thread.
 * Tests inject a current-thread executor; the kiosk a single worker thread, so flow commands never overlap.
 */
public final class BackgroundWork {

    private static final Logger log = LoggerFactory.getLogger(BackgroundWork.class);

    private final Executor worker;
    private final Executor fxThread;

    /** Results delivered with {@link Platform#runLater(Runnable)}. */
    public BackgroundWork(Executor worker) {
        this(worker, Platform::runLater);
    }

    public BackgroundWork(Executor worker, Executor fxThread) {
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
    }

    public <T> Job<T> wrap(Callable<T> work) {
        return new Job<>(Objects.requireNonNull(work, "work"));
    }

    /** Runs {@code update} on the FX thread: how flow listeners (called on the worker) reach the screens. */
    public void onFxThread(Runnable update) {
        fxThread.execute(update);
    }

    public final class Job<T> {
        private final Callable<T> work;
        private Consumer<T> onSuccess = result -> { };
        private Consumer<Exception> onFailure = e -> log.error("background work failed", e);

        private Job(Callable<T> work) {
            this.work = work;
        }

        public Job<T> onSuccess(Consumer<T> handler) {
            onSuccess = Objects.requireNonNull(handler);
            return this;
        }

        public Job<T> onFailure(Consumer<Exception> handler) {
            onFailure = Objects.requireNonNull(handler);
            return this;
        }

        public void start() {
            worker.execute(() -> {
                T result;
                try {
                    result = work.call();
                } catch (Exception e) {
                    fxThread.execute(() -> onFailure.accept(e));
                    return;
                }
                fxThread.execute(() -> onSuccess.accept(result));
            });
        }
    }
}
