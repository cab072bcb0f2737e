package com.valuekiosk.kiosk.reader;

import java.util.List;
import java.util.Objects;
import java.util.Queue;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Listeners of one reader and the events waiting for them. A reader {@link #enqueue enqueues} events while
 * it holds its own state lock (so the queue order is the order of the state changes) and calls
 * {@link #dispatch()} after it let go of that lock (so a listener may call the reader back without a
 * deadlock). Events reach every listener in the order they happened; a listener that throws is logged and
 * does not stop the others.
 */
final class EventDispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(EventDispatcher.class);

    private final List<CardEventListener> listeners = new CopyOnWriteArrayList<>();
    private final Queue<CardEvent> pending = new ConcurrentLinkedQueue<>();
    private final Object dispatchLock = new Object();
    private final Executor executor;

    /** @param executor where listeners run; {@code Runnable::run} runs them on the thread that dispatches */
    EventDispatcher(Executor executor) {
        this.executor = Objects.requireNonNull(executor, "executor");
    }

    void add(CardEventListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    void remove(CardEventListener listener) {
        listeners.remove(listener);
    }

    void enqueue(CardEvent.Type type, String readerName) {
        pending.add(new CardEvent(type, readerName));
    }

    /** Hands every pending event to the executor, oldest first. Never call it while holding a reader's lock. */
    void dispatch() {
        synchronized (dispatchLock) {
            CardEvent event;
            while ((event = pending.poll()) != null) {
                CardEvent delivered = event;
                executor.execute(() -> deliver(delivered));
            }
        }
    }

    private void deliver(CardEvent event) {
        for (CardEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                LOG.warn("A card event listener failed on {} of {}", event.type(), event.readerName(), e);
            }
        }
    }
}
