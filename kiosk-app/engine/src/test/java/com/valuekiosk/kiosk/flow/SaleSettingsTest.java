package com.valuekiosk.kiosk.flow;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import org.junit.jupiter.api.Test;

class SaleSettingsTest {

    private static final Currency EUR = Currency.getInstance("EUR");

    @Test
    void yenIsTheSaleOfFigure9B() {
        SaleSettings yen = SaleSettings.yen();

        assertThat(yen.currency().getCurrencyCode()).isEqualTo("JPY");
        assertThat(yen.minimumPurchase()).isEqualTo(100);
        assertThat(yen.maximumPurchase()).isEqualTo(50_000);
        assertThat(yen.presets()).containsExactly(1_000L, 2_000L, 3_000L, 5_000L, 10_000L);
        assertThat(yen.zone()).isEqualTo(ZoneId.of("Asia/Tokyo"));
    }

    @Test
    void allowsExactlyTheAmountsBetweenTheLimits() {
        SaleSettings yen = SaleSettings.yen();

        assertThat(yen.allows(99)).isFalse();
        assertThat(yen.allows(100)).isTrue();
        assertThat(yen.allows(50_000)).isTrue();
        assertThat(yen.allows(50_001)).isFalse();
    }

    @Test
    void limitsMustBeOrderedPositiveAndSane() {
        assertThatThrownBy(() -> new SaleSettings(EUR, 0, 100, List.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("1 <= minimum <= maximum");
        assertThatThrownBy(() -> new SaleSettings(EUR, 500, 100, List.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("500 .. 100");
        assertThatThrownBy(() -> new SaleSettings(EUR, 1, SaleSettings.HIGHEST_MAXIMUM + 1, List.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("<= " + SaleSettings.HIGHEST_MAXIMUM);
    }

    @Test
    void presetsLieBetweenTheLimitsInIncreasingOrder() {
        assertThatThrownBy(() -> new SaleSettings(EUR, 100, 1_000, List.of(50L), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("preset 50 lies outside");
        assertThatThrownBy(() -> new SaleSettings(EUR, 100, 1_000, List.of(500L, 200L), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
        assertThatThrownBy(() -> new SaleSettings(EUR, 100, 1_000, List.of(200L, 200L), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("strictly increasing");
    }

    @Test
    void noMorePresetsThanTheScreenShows() {
        List<Long> six = new ArrayList<>();
        for (long amount = 100; six.size() <= SaleSettings.MOST_PRESETS; amount += 100) {
            six.add(amount);
        }
        assertThatThrownBy(() -> new SaleSettings(EUR, 100, 10_000, six, ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most " + SaleSettings.MOST_PRESETS);
    }

    @Test
    void aCurrencyWithoutMinorUnitsIsRefused() {
        Currency gold = Currency.getInstance("XAU");
        assertThatThrownBy(() -> new SaleSettings(gold, 1, 100, List.of(), ZoneId.of("UTC")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("XAU");
    }

    @Test
    void thePresetsCannotBeChangedAfterwards() {
        List<Long> presets = new ArrayList<>(List.of(1_000L));
        SaleSettings sale = new SaleSettings(EUR, 100, 10_000, presets, ZoneId.of("UTC"));
        presets.add(2_000L);

        assertThat(sale.presets()).containsExactly(1_000L);
        assertThatThrownBy(() -> sale.presets().add(3_000L)).isInstanceOf(UnsupportedOperationException.class);
    }
}
