package com.valuekiosk.kiosk.ui;

import java.nio.file.Path;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a site sets for the screens: the currency shown, the amount presets of FIG. 9B (minor units),
 * where "Save receipt" writes, the time zone of receipts and the language the kiosk starts in.
 */
public record UiSettings(Currency currency, List<Long> presets, Path receiptDirectory, ZoneId zone, Locale startLocale) {

    public static final List<Long> YEN_PRESETS = List.of(1_000L, 2_000L, 3_000L, 5_000L, 10_000L);

    public UiSettings {
        Objects.requireNonNull(currency, "currency");
        presets = List.copyOf(presets);
        Objects.requireNonNull(receiptDirectory, "receiptDirectory");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(startLocale, "startLocale");
    }

    /** Yen, the presets ¥1,000 … ¥10,000, Japanese first, Tokyo time. */
    public static UiSettings yen(Path receiptDirectory) {
        return new UiSettings(Currency.getInstance("JPY"), YEN_PRESETS, receiptDirectory, ZoneId.of("Asia/Tokyo"),
                Messages.JAPANESE);
    }
}
