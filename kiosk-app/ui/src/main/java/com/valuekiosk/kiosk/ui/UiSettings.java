package com.valuekiosk.kiosk.ui;

import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site sets for the screens: the currency shown, the amount presets of FIG. 9B (minor units),
 * where "Save receipt" writes, the time zone of receipts, the language the kiosk starts in, how long a
 * screen other than the menu waits for a touch before "Are you still there?" (R-KI2), whether the
 * window runs in kiosk mode (full screen, only an attendant leaves it), whether the screens speak their
 * instruction ({@code spokenGuidance}; off for a site that must stay quiet, and then there is no mute button
 * either) and the name of the receipt printer (none: no print button).
 */
public record UiSettings(Currency currency, List<Long> presets, Path receiptDirectory, ZoneId zone, Locale startLocale,
                         Duration idleTimeout, boolean kioskMode, boolean spokenGuidance, Optional<String> receiptPrinter) {

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
        receiptPrinter = Objects.requireNonNull(receiptPrinter, "receiptPrinter").filter(name -> !name.isBlank());
    }

    /** The idle timeout of {@link #DEFAULT_IDLE_TIMEOUT}, kiosk mode on, spoken guidance on, no receipt printer. */
    public UiSettings(Currency currency, List<Long> presets, Path receiptDirectory, ZoneId zone, Locale startLocale) {
        this(currency, presets, receiptDirectory, zone, startLocale, DEFAULT_IDLE_TIMEOUT, true, true, Optional.empty());
    }

    /** Yen, the presets ¥1,000 … ¥10,000, Japanese first, Tokyo time, 60 s idle timeout, kiosk mode on,
     *  spoken guidance on, no receipt printer. */
    public static UiSettings yen(Path receiptDirectory) {
        return new UiSettings(Currency.getInstance("JPY"), YEN_PRESETS, receiptDirectory, ZoneId.of("Asia/Tokyo"),
                Messages.JAPANESE);
    }

    public UiSettings withIdleTimeout(Duration timeout) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, timeout, kioskMode, spokenGuidance,
                receiptPrinter);
    }

    public UiSettings withKioskMode(boolean on) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, idleTimeout, on, spokenGuidance,
                receiptPrinter);
    }

    /** The same settings with spoken guidance on or off for the whole site. */
    public UiSettings withSpokenGuidance(boolean spoken) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, idleTimeout, kioskMode, spoken,
                receiptPrinter);
    }

    /** The same settings printing receipts on the print service called {@code printerName}. */
    public UiSettings withReceiptPrinter(String printerName) {
        return new UiSettings(currency, presets, receiptDirectory, zone, startLocale, idleTimeout, kioskMode,
                spokenGuidance, Optional.of(printerName));
    }

    /** The same settings starting in {@code locale}. */
    public UiSettings withStartLocale(Locale locale) {
        return new UiSettings(currency, presets, receiptDirectory, zone, locale, idleTimeout,
                kioskMode, spokenGuidance, receiptPrinter);
    }
}
