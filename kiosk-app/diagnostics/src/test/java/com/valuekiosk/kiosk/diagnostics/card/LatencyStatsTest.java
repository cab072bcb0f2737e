package com.valuekiosk.kiosk.diagnostics.card;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.stream.LongStream;
import org.junit.jupiter.api.Test;

class LatencyStatsTest {

    @Test
    void hundredSamplesGiveNearestRankPercentilesWhateverTheirOrder() {
        List<Long> samples = new ArrayList<>(LongStream.rangeClosed(1, 100).map(n -> n * 1_000_000).boxed().toList());
        Collections.shuffle(samples, new java.util.Random(7));

        LatencyStats stats = LatencyStats.of(samples);

        assertThat(stats.count()).isEqualTo(100);
        assertThat(stats.minNanos()).isEqualTo(1_000_000);
        assertThat(stats.medianNanos()).isEqualTo(50_000_000);
        assertThat(stats.p95Nanos()).isEqualTo(95_000_000);
        assertThat(stats.maxNanos()).isEqualTo(100_000_000);
        assertThat(stats.meanNanos()).isEqualTo(50_500_000);
        assertThat(stats.text()).isEqualTo("min 1.00 ms, median 50.00 ms, p95 95.00 ms, max 100.00 ms (100 commands)");
    }

    @Test
    void oneSampleIsEveryStatistic() {
        LatencyStats stats = LatencyStats.of(List.of(700_000L));

        assertThat(List.of(stats.minNanos(), stats.medianNanos(), stats.p95Nanos(), stats.maxNanos()))
                .containsOnly(700_000L);
    }

    @Test
    void anOutlierShowsInMaxButNotInTheMedian() {
        List<Long> samples = new ArrayList<>(Collections.nCopies(19, 1_000_000L));
        samples.add(900_000_000L);

        LatencyStats stats = LatencyStats.of(samples);

        assertThat(stats.medianNanos()).isEqualTo(1_000_000);
        assertThat(stats.p95Nanos()).as("rank 19 of 20").isEqualTo(1_000_000);
        assertThat(stats.maxNanos()).isEqualTo(900_000_000);
    }

    @Test
    void noSamplesIsRefused() {
        assertThatThrownBy(() -> LatencyStats.of(List.of())).isInstanceOf(IllegalArgumentException.class);
    }
}
