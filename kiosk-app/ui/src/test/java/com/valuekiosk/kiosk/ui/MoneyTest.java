package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Currency;
import java.util.Locale;
import org.junit.jupiter.api.Test;

class MoneyTest {

    private static final Currency YEN = Currency.getInstance("JPY");

    @Test
    void yenHaveNoDecimalsAndAThousandsSeparator() {
        assertThat(Money.format(2_000, YEN, Locale.US)).isEqualTo("¥2,000");
        assertThat(Money.format(1_234_567, YEN, Locale.US)).isEqualTo("¥1,234,567");
        assertThat(Money.format(0, YEN, Locale.US)).isEqualTo("¥0");
    }

    @Test
    void japaneseShowsTheSameHalfWidthYenSignAsEnglish() {
        // The JDK's Japanese format writes the full-width ￥ (U+FFE5); the kiosk deliberately shows ¥ (U+00A5).
        assertThat(java.text.NumberFormat.getCurrencyInstance(Locale.JAPAN).format(2_000)).contains("\uFFE5");
        assertThat(Money.format(2_000, YEN, Locale.JAPAN)).isEqualTo("\u00A52,000").doesNotContain("\uFFE5");
        assertThat(Money.format(3_000, YEN, Locale.JAPAN)).isEqualTo(Money.format(3_000, YEN, Locale.US));
    }

    @Test
    void minorUnitsOfACurrencyWithCentsAreNotFloatingPoint() {
        assertThat(Money.format(1_999, Currency.getInstance("USD"), Locale.US)).isEqualTo("$19.99");
        assertThat(Money.format(Long.MAX_VALUE, Currency.getInstance("USD"), Locale.US)).isEqualTo("$92,233,720,368,547,758.07");
    }

    @Test
    void typedDigitsBecomeAnAmountOrNothing() {
        assertThat(Money.parseTyped("2000")).isEqualTo(2_000);
        assertThat(Money.parseTyped("")).isEqualTo(-1);
        assertThat(Money.parseTyped("1234567890")).isEqualTo(-1);
        assertThat(Money.parseTyped("12a")).isEqualTo(-1);
    }
}
