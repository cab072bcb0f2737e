package com.valuekiosk.kiosk.pcsc;

import com.valuekiosk.kiosk.reader.CardEvent;
import com.valuekiosk.kiosk.reader.CardEventListener;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

/** Card events as they arrive on the reader's monitoring thread, with the time each arrived; tests wait on them. */
final class Events implements CardEventListener {

    record Seen(CardEvent.Type type, long nanoTime) {
    }

    private final BlockingQueue<Seen> queue = new LinkedBlockingQueue<>();
    private final List<CardEvent.Type> all = new ArrayList<>();

    @Override
    public void onEvent(CardEvent event) {
        synchronized (all) {
            all.add(event.type());
        }
        queue.add(new Seen(event.type(), System.nanoTime()));
    }

    /**
     * Takes events until one of {@code type} arrives and answers it; fails with what came instead after
     * {@code timeout}.
     */
    Seen await(CardEvent.Type type, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        List<CardEvent.Type> skipped = new ArrayList<>();
        while (true) {
            Seen next = queue.poll(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
            if (next == null) {
                throw new AssertionError("no " + type + " within " + timeout + "; other events meanwhile: " + skipped);
            }
            if (next.type() == type) {
                return next;
            }
            skipped.add(next.type());
        }
    }

    /** Every event so far, in order. */
    List<CardEvent.Type> all() {
        synchronized (all) {
            return List.copyOf(all);
        }
    }

    /** Forgets what is queued (not {@link #all()}). */
    void drain() {
        queue.clear();
    }
}
