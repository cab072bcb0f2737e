package com.valuekiosk.kiosk.client;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** Records the waits between attempts instead of sleeping: retries are counted, tests stay fast. */
final class RecordingSleeper implements Sleeper {

    private final List<Duration> waits = new ArrayList<>();

    @Override
    public synchronized void sleep(Duration duration) {
        waits.add(duration);
    }

    synchronized List<Duration> waits() {
        return List.copyOf(waits);
    }
}
