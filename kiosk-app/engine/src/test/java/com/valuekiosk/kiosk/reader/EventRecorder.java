package com.valuekiosk.kiosk.reader;

import java.util.ArrayList;
import java.util.List;

/** Collects card events and the threads they came on (shared through the engine's test jar). */
public final class EventRecorder implements CardEventListener {

    private final List<CardEvent> events = new ArrayList<>();
    private final List<Thread> threads = new ArrayList<>();

    @Override
    public synchronized void onEvent(CardEvent event) {
        events.add(event);
        threads.add(Thread.currentThread());
    }

    public synchronized List<CardEvent.Type> types() {
        return events.stream().map(CardEvent::type).toList();
    }

    public synchronized List<CardEvent> events() {
        return List.copyOf(events);
    }

    public synchronized List<Thread> threads() {
        return List.copyOf(threads);
    }

    public synchronized void clear() {
        events.clear();
        threads.clear();
    }
}
