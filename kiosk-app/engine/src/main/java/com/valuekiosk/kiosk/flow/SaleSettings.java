package com.valuekiosk.kiosk.flow;

import java.time.ZoneId;
import java.util.ArrayList;
import java.util.Currency;
import java.util.List;
import java.util.Objects;

/**
 * What a site sells VALUE in and how it shows it: the currency, the purchase limits of FIG. 9B and the
 * amount presets between them (all in the currency's minor units), and the time zone of receipts. The
 * engine checks amounts against the limits and the screens offer the presets and show the limits; both read
 * them from here, so they cannot disagree. A site sets them in its configuration file; {@link #yen()} is the
 * default.
 */
public record SaleSettings(Currency currency, long minimumPurchase, long maximumPurchase, List<Long> presets,
                           ZoneId zone) {

    /** The highest maximum a site may set: ¥1,000,000 (or 10,000.00 in a currency with cents). */
    public static final long HIGHEST_MAXIMUM = 1_000_000;
    /** The purchase screen shows the presets in one row; more would not fit a touch target each. */
    public static final int MOST_PRESETS = 5;

    public static final Currency YEN = Currency.getInstance("JPY");
    public static final long YEN_MINIMUM = 100;
    public static final long YEN_MAXIMUM = 50_000;
    public static final List<Long> YEN_PRESETS = List.of(1_000L, 2_000L, 3_000L, 5_000L, 10_000L);
    public static final ZoneId TOKYO = ZoneId.of("Asia/Tokyo");

    /**
     * @throws IllegalArgumentException naming the rule broken: limits outside 1 ≤ minimum ≤ maximum ≤
     *     {@link #HIGHEST_MAXIMUM}, a currency without minor units the kiosk can show, presets not strictly
     *     increasing, outside the limits, or more than {@link #MOST_PRESETS}
     */
    public SaleSettings {
        Objects.requireNonNull(currency, "currency");
        Objects.requireNonNull(zone, "zone");
        presets = List.copyOf(Objects.requireNonNull(presets, "presets"));
        if (currency.getDefaultFractionDigits() < 0) {
            throw new IllegalArgumentException("currency " + currency.getCurrencyCode()
                    + " has no minor unit; give an ISO 4217 currency of money (JPY, EUR, USD …)");
        }
        if (minimumPurchase < 1 || maximumPurchase < minimumPurchase || maximumPurchase > HIGHEST_MAXIMUM) {
            throw new IllegalArgumentException("purchase limits must satisfy 1 <= minimum <= maximum <= "
                    + HIGHEST_MAXIMUM + " minor units, got " + minimumPurchase + " .. " + maximumPurchase);
        }
        if (presets.size() > MOST_PRESETS) {
            throw new IllegalArgumentException("at most " + MOST_PRESETS + " presets fit the purchase screen, got "
                    + presets.size());
        }
        List<Long> seen = new ArrayList<>();
        for (long preset : presets) {
            if (preset < minimumPurchase || preset > maximumPurchase) {
                throw new IllegalArgumentException("preset " + preset + " lies outside the purchase limits "
                        + minimumPurchase + " .. " + maximumPurchase);
            }
            if (!seen.isEmpty() && preset <= seen.get(seen.size() - 1)) {
                throw new IllegalArgumentException("presets must be strictly increasing, got " + presets);
            }
            seen.add(preset);
        }
    }

    /** Yen, ¥100 … ¥50,000, presets ¥1,000 / ¥2,000 / ¥3,000 / ¥5,000 / ¥10,000, Tokyo time. */
    public static SaleSettings yen() {
        return new SaleSettings(YEN, YEN_MINIMUM, YEN_MAXIMUM, YEN_PRESETS, TOKYO);
    }

    /** Whether {@code amount} (minor units) may be bought. */
    public boolean allows(long amount) {
        return amount >= minimumPurchase && amount <= maximumPurchase;
    }

    public SaleSettings withZone(ZoneId otherZone) {
        return new SaleSettings(currency, minimumPurchase, maximumPurchase, presets, otherZone);
    }
}
