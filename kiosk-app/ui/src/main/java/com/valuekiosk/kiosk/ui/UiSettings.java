package com.valuekiosk.kiosk.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * What a site sets for the screens: the currency shown, the amount presets of FIG. 9B (minor units),
 * where "Save receipt" writes, the time zone of receipts, the language the kiosk starts in, how long a
 * screen other than the menu waits for a touch before "Are you still there?" (R-KI2), and whether the
 * window runs in kiosk mode (full screen, only an attendant leaves it).
 */
public record UiSettings(Currency currency, List<Long> presets, Path receiptDirectory, ZoneId zone, Locale startLocale,
                         Duration idleTimeout, boolean kioskMode) {

    public static final List<Long> YEN_PRESETS = List.of(1_000L, 2_000L, 3_000L, 5_000L, 10_000L);
    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public UiSettings {
        Objects.requireNonNull(currency, "currency");
        presets = List.copyOf(presets);
        Objects.requireNonNull(receiptDirectory, "receiptDirectory");
        Objects.requireNonNull(zone, "zone");
        Objects.requireNonNull(startLocale, "startLocale");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
    }

    /** The idle timeout of {@link #DEFAULT_IDLE_TIMEOUT}, kiosk mode on. */
    public UiSettings(Currency currency, List<Long> presets, Path receiptDirectory, ZoneId zone, Locale startLocale) {
        this(currency, presets, receiptDirectory, zone, startLocale, DEFAULT_IDLE_TIMEOUT, true);
    }

    /** Yen, the presets ¥1,000 … ¥10,000, Japanese first, Tokyo time, 60 s idle timeout, kiosk mode on. */
    public static UiSettings yen(Path receiptDirectory) {
        return new UiSettings(Currency.getInstance("JPY"), YEN_PRESETS, receiptDirectory, ZoneId.of("Asia/Tokyo"),
                Messages.JAPANESE);
    }

    public UiSettings withIdleTimeout(Duration timeout) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, timeout, kioskMode);
    }

    public UiSettings withKioskMode(boolean on) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, idleTimeout, on);
    }
}
