package com.valuekiosk.kiosk.ui;

import com.valuekiosk.kiosk.flow.SaleSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.time.ZoneId;
import java.util.Currency;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * What a site sets for the screens: what it sells and how amounts and times are shown (the engine's
 * {@link SaleSettings}: currency, limits, presets of FIG. 9B, time zone of receipts — the same object the
 * engine checks amounts against), where "Save receipt" writes, the language the kiosk starts in, how long a
 * screen other than the menu waits for a touch before "Are you still there?" (R-KI2), whether the
 * window runs in kiosk mode (full screen, only an attendant leaves it), whether the screens speak their
 * instruction ({@code spokenGuidance}; off for a site that must stay quiet, and then there is no mute button
 * either), the name of the receipt printer (none: no print button) and whether the pictograms that show where
 * each card goes move ({@code motion}; off: still pictures, for screenshots and people who find motion hard).
 */
public record UiSettings(SaleSettings sale, Path receiptDirectory, Locale startLocale, Duration idleTimeout,
                         boolean kioskMode, boolean spokenGuidance, Optional<String> receiptPrinter, boolean motion) {

    public static final Duration DEFAULT_IDLE_TIMEOUT = Duration.ofSeconds(60);

    public UiSettings {
        Objects.requireNonNull(sale, "sale");
        Objects.requireNonNull(receiptDirectory, "receiptDirectory");
        Objects.requireNonNull(startLocale, "startLocale");
        Objects.requireNonNull(idleTimeout, "idleTimeout");
        if (idleTimeout.isNegative() || idleTimeout.isZero()) {
            throw new IllegalArgumentException("idle timeout must be positive: " + idleTimeout);
        }
        receiptPrinter = Objects.requireNonNull(receiptPrinter, "receiptPrinter").filter(name -> !name.isBlank());
    }

    /** The idle timeout of {@link #DEFAULT_IDLE_TIMEOUT}, kiosk mode on, spoken guidance on, no receipt printer. */
    public UiSettings(SaleSettings sale, Path receiptDirectory, Locale startLocale) {
        this(sale, receiptDirectory, startLocale, DEFAULT_IDLE_TIMEOUT, true, true, Optional.empty(), true);
    }

    /** {@link SaleSettings#yen()} (¥100 … ¥50,000, presets ¥1,000 … ¥10,000, Tokyo time), Japanese first,
     *  60 s idle timeout, kiosk mode on, spoken guidance on, no receipt printer. */
    public static UiSettings yen(Path receiptDirectory) {
        return new UiSettings(SaleSettings.yen(), receiptDirectory, Messages.JAPANESE);
    }

    /** The currency amounts are shown in. */
    public Currency currency() {
        return sale.currency();
    }

    /** The amount presets of the purchase screen, in minor units. */
    public List<Long> presets() {
        return sale.presets();
    }

    /** The time zone of receipts. */
    public ZoneId zone() {
        return sale.zone();
    }

    public UiSettings withSale(SaleSettings otherSale) {
        return new UiSettings(otherSale, receiptDirectory, startLocale, idleTimeout, kioskMode, spokenGuidance,
                receiptPrinter, motion);
    }

    public UiSettings withIdleTimeout(Duration timeout) {
        return new UiSettings(sale, receiptDirectory, startLocale, timeout, kioskMode, spokenGuidance, receiptPrinter, motion);
    }

    public UiSettings withKioskMode(boolean on) {
        return new UiSettings(sale, receiptDirectory, startLocale, idleTimeout, on, spokenGuidance, receiptPrinter, motion);
    }

    /** The same settings with spoken guidance on or off for the whole site. */
    public UiSettings withSpokenGuidance(boolean spoken) {
        return new UiSettings(sale, receiptDirectory, startLocale, idleTimeout, kioskMode, spoken, receiptPrinter, motion);
    }

    /** The same settings printing receipts on the print service called {@code printerName}. */
    public UiSettings withReceiptPrinter(String printerName) {
        return new UiSettings(sale, receiptDirectory, startLocale, idleTimeout, kioskMode, spokenGuidance,
                Optional.of(printerName), motion);
    }

    /** The same settings with moving pictograms, or still ones. */
    public UiSettings withMotion(boolean moving) {
        return new UiSettings(sale, receiptDirectory, startLocale, idleTimeout, kioskMode, spokenGuidance, receiptPrinter,
                moving);
    }

    /** The same settings starting in {@code locale}. */
    public UiSettings withStartLocale(Locale locale) {
        return new UiSettings(sale, receiptDirectory, locale, idleTimeout, kioskMode, spokenGuidance, receiptPrinter, motion);
    }
}
