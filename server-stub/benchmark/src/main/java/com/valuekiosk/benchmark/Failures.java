package com.valuekiosk.benchmark;

import com.valuekiosk.card.host.CardNumber;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** Every failed flow of a run, counted by phase, step and message; shared by the kiosk threads. */
final class Failures {

    private final Map<String, AtomicInteger> byKind = new ConcurrentHashMap<>();
    private final AtomicLong total = new AtomicLong();

    void record(String phase, String step, String message) {
        total.incrementAndGet();
        // Our messages carry no card number; a library's exception message might: mask it anyway.
        String kind = CardNumber.maskAll(phase + " / " + step + ": " + message);
        byKind.computeIfAbsent(kind, key -> new AtomicInteger()).incrementAndGet();
    }

    long total() {
        return total.get();
    }

    /** Kind of failure → how many times, sorted by kind. */
    Map<String, Integer> summary() {
        Map<String, Integer> summary = new TreeMap<>();
        byKind.forEach((kind, count) -> summary.put(kind, count.get()));
        return summary;
    }
}
