package com.valuekiosk.wire;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class TimeOrderedIdsTest {

    @Test
    void uuidsAreVersionSevenAndBeginWithTheTime() {
        long before = System.currentTimeMillis();
        UUID id = TimeOrderedIds.uuid();
        long after = System.currentTimeMillis();

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2); // RFC 9562
        assertThat(id.getMostSignificantBits() >>> 16).isBetween(before, after);
    }

    @Test
    void laterUuidsSortAfterEarlierOnesAsTheDatabasesCompareThem() {
        List<String> made = new ArrayList<>();
        for (int i = 0; i < 10_000; i++) {
            made.add(TimeOrderedIds.uuid().toString()); // the servers store them as text
        }
        assertThat(made).isSorted().doesNotHaveDuplicates();
    }

    @Test
    void aChargeNumberIsTheMillisecondsSince2020ThenElevenRandomBits() {
        long now = Instant.parse("2026-12-06T12:00:00Z").toEpochMilli();
        long id = new TimeOrderedIds(() -> now).nextJsonSafeLong();

        assertThat(id >>> TimeOrderedIds.RANDOM_BITS).isEqualTo(now - TimeOrderedIds.CHARGE_EPOCH_MILLIS);
        assertThat(id).isPositive().isLessThanOrEqualTo(TimeOrderedIds.MAX_JSON_SAFE);
    }

    @Test
    void chargeNumbersOnlyIncreaseEvenInOneMillisecondOrWhenTheClockStepsBack() {
        AtomicLong clock = new AtomicLong(Instant.parse("2026-12-06T12:00:00Z").toEpochMilli());
        TimeOrderedIds ids = new TimeOrderedIds(clock::get);
        List<Long> made = new ArrayList<>();
        for (int i = 0; i < 5_000; i++) { // more than 2,048 in one millisecond
            made.add(ids.nextJsonSafeLong());
        }
        clock.addAndGet(-60_000);
        for (int i = 0; i < 100; i++) {
            made.add(ids.nextJsonSafeLong());
        }
        clock.addAndGet(120_000);
        made.add(ids.nextJsonSafeLong());

        assertThat(made).isSorted();
        assertThat(new HashSet<>(made)).hasSize(made.size());
        assertThat(made.get(made.size() - 1) >>> TimeOrderedIds.RANDOM_BITS)
                .as("back to the clock once it is ahead again")
                .isEqualTo(clock.get() - TimeOrderedIds.CHARGE_EPOCH_MILLIS);
    }

    @Test
    void chargeNumbersStayExactInJsonUntil2159() {
        long lastMillisThatFits = TimeOrderedIds.CHARGE_EPOCH_MILLIS + (TimeOrderedIds.MAX_JSON_SAFE >>> TimeOrderedIds.RANDOM_BITS);
        assertThat(Instant.ofEpochMilli(lastMillisThatFits)).isAfter(Instant.parse("2159-01-01T00:00:00Z"));

        assertThat(new TimeOrderedIds(() -> lastMillisThatFits).nextJsonSafeLong())
                .isLessThanOrEqualTo(TimeOrderedIds.MAX_JSON_SAFE);
        assertThatThrownBy(() -> new TimeOrderedIds(() -> lastMillisThatFits + 1).nextJsonSafeLong())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("53 bits");
        assertThatThrownBy(() -> new TimeOrderedIds(() -> TimeOrderedIds.CHARGE_EPOCH_MILLIS - 1).nextJsonSafeLong())
                .isInstanceOf(IllegalStateException.class);
    }
}
