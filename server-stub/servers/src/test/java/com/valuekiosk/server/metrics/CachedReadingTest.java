package com.valuekiosk.server.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class CachedReadingTest {

    private final AtomicLong now = new AtomicLong(1_000);
    private final AtomicInteger reads = new AtomicInteger();

    @Test
    void oneReadServesEveryAskWithinItsMaximumAgeAndTheNextAskAfterReadsAgain() {
        CachedReading<Integer> reading = new CachedReading<>("test", reads::incrementAndGet, Duration.ofSeconds(5), -1, now::get);

        assertThat(reading.get()).isEqualTo(1);
        now.addAndGet(Duration.ofMillis(4_999).toNanos());
        assertThat(reading.get()).as("still fresh").isEqualTo(1);
        now.addAndGet(Duration.ofMillis(1).toNanos());
        assertThat(reading.get()).as("5 s old: read again").isEqualTo(2);
        assertThat(reads).hasValue(2);
    }

    @Test
    void aFailedReadAnswersTheFallbackUntilTheNextTry() {
        AtomicInteger calls = new AtomicInteger();
        CachedReading<Double> reading = new CachedReading<>("test", () -> {
            if (calls.incrementAndGet() == 1) {
                throw new IllegalStateException("database away");
            }
            return 3.0;
        }, Duration.ofSeconds(5), Double.NaN, now::get);

        assertThat(reading.get()).isNaN();
        assertThat(reading.get()).as("not retried on every ask").isNaN();
        now.addAndGet(Duration.ofSeconds(5).toNanos());
        assertThat(reading.get()).isEqualTo(3.0);
        assertThat(calls).hasValue(2);
    }
}
