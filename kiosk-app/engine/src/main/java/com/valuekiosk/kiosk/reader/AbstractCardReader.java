package com.valuekiosk.kiosk.reader;

import java.util.Objects;
import java.util.concurrent.Executor;

/**
 * What every reader does the same way, written once (as Keyple's {@code ObservableLocalReaderAdapter}): its
 * name and kind, the listener list, the reader state and card presence, the events that tell their changes,
 * and being closed. A subclass says what it sees — {@link #update(State, boolean)} under {@link #lock} —
 * and calls {@link #dispatchEvents()} once it let go of the lock; the events follow from the change:
 * <ul>
 *   <li>{@code READER_LOST} when the reader stops being {@code READY} (no {@code CARD_REMOVED} then);</li>
 *   <li>{@code READER_FOUND}, then {@code CARD_INSERTED} when a card is in it, when it becomes {@code READY};</li>
 *   <li>{@code CARD_INSERTED} / {@code CARD_REMOVED} while it stays {@code READY}.</li>
 * </ul>
 * A card is present only while the reader is {@code READY}. Events reach the listeners one at a time, in
 * the order of the changes, through the executor given at construction, never while the lock is held (a
 * listener may call the reader back).
 *
 * <p>Implementations: {@link PcscReader} here, the simulated reader in the {@code kiosk-simulated-readers}
 * module. A new kind of reader extends this class and adds only how it finds cards and talks to them.
 */
public abstract class AbstractCardReader implements CardReader {

    /** Guards the state below and every subclass's own state; events are queued under it. */
    protected final Object lock = new Object();

    private final String name;
    private final Kind kind;
    private final EventDispatcher events;

    // Guarded by lock.
    private State state;
    private boolean cardPresent;
    private boolean closed;

    /**
     * @param initialState the state before anything was seen ({@code NO_READER} for hardware not polled yet)
     * @param eventExecutor where listeners run; {@code Runnable::run} runs them on the thread that dispatches
     */
    protected AbstractCardReader(String name, Kind kind, State initialState, Executor eventExecutor) {
        this.name = Objects.requireNonNull(name, "name");
        this.kind = Objects.requireNonNull(kind, "kind");
        this.state = Objects.requireNonNull(initialState, "initialState");
        this.events = new EventDispatcher(eventExecutor);
    }

    @Override
    public final String name() {
        return name;
    }

    @Override
    public final Kind kind() {
        return kind;
    }

    @Override
    public final State state() {
        synchronized (lock) {
            return state;
        }
    }

    @Override
    public final boolean isCardPresent() {
        synchronized (lock) {
            return cardPresent;
        }
    }

    @Override
    public final void addListener(CardEventListener listener) {
        events.add(listener);
    }

    @Override
    public final void removeListener(CardEventListener listener) {
        events.remove(listener);
    }

    /**
     * Marks the reader closed — {@link #requireOpen()} fails from now on — and lets the subclass release what
     * it holds: {@link #onClose()} under the lock, then {@link #afterClose()} outside it. Idempotent: the hooks
     * run on the first call only.
     */
    @Override
    public final void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            onClose();
        }
        afterClose();
    }

    /** Under the lock, once: forget sessions, faults, terminals. Nothing by default. */
    protected void onClose() {
    }

    /** Outside the lock, once, after {@link #onClose()}: wait for threads to stop. Nothing by default. */
    protected void afterClose() {
    }

    /** Under the lock. */
    protected final boolean isClosed() {
        return closed;
    }

    /** Under the lock: throws when the reader was closed. */
    protected final void requireOpen() throws ReaderException {
        if (closed) {
            throw new ReaderException("reader \"" + name + "\" is closed");
        }
    }

    /**
     * Under the lock: the reader is now in {@code newState}, with a card in it or not; queues the events that
     * tell the change (see the class comment). Call {@link #dispatchEvents()} after releasing the lock.
     */
    protected final void update(State newState, boolean cardInReader) {
        Objects.requireNonNull(newState, "newState");
        boolean wasReady = state == State.READY;
        boolean isReady = newState == State.READY;
        if (wasReady && !isReady) {
            events.enqueue(CardEvent.Type.READER_LOST, name);
        } else if (!wasReady && isReady) {
            events.enqueue(CardEvent.Type.READER_FOUND, name);
            if (cardInReader) {
                events.enqueue(CardEvent.Type.CARD_INSERTED, name);
            }
        } else if (isReady && cardInReader != cardPresent) {
            events.enqueue(cardInReader ? CardEvent.Type.CARD_INSERTED : CardEvent.Type.CARD_REMOVED, name);
        }
        state = newState;
        cardPresent = isReady && cardInReader;
    }

    /** Under the lock: no card any more as far as callers can tell, without an event (a closed reader). */
    protected final void forgetCard() {
        cardPresent = false;
    }

    /** Hands the queued events to the listeners, oldest first. Never call it while holding {@link #lock}. */
    protected final void dispatchEvents() {
        events.dispatch();
    }
}
