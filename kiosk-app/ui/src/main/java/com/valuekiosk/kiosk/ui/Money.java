package com.valuekiosk.kiosk.ui;

import java.math.BigDecimal;
import java.text.NumberFormat;
import java.util.Currency;
import java.util.Locale;

/**
 * Amounts as the currency requires: integer minor units in, text out ("¥2,000"), never floating point.
 *
 * <p>The yen sign: the JDK's Japanese format writes the full-width ￥ (U+FFE5), its English format the
 * ordinary ¥ (U+00A5). The kiosk shows ¥ (U+00A5) in both languages, as the patent's screens do, so
 * that one amount looks the same whichever language is chosen.
 */
public final class Money {

    public static final char YEN_SIGN = '\u00A5';
    public static final char FULLWIDTH_YEN_SIGN = '\uFFE5';

    private Money() {
    }

    public static String format(long minorUnits, Currency currency, Locale locale) {
        NumberFormat format = NumberFormat.getCurrencyInstance(locale);
        format.setCurrency(currency);
        int digits = Math.max(currency.getDefaultFractionDigits(), 0);
        format.setMinimumFractionDigits(digits);
        format.setMaximumFractionDigits(digits);
        String text = format.format(BigDecimal.valueOf(minorUnits).movePointLeft(digits));
        return text.replace(FULLWIDTH_YEN_SIGN, YEN_SIGN);
    }

    /** The digits a person typed as an amount in minor units (yen have none), or -1 when there is none or too many. */
    public static long parseTyped(CharSequence digits) {
        if (digits.length() == 0 || digits.length() > 9) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < digits.length(); i++) {
            char c = digits.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }
}
