package com.valuekiosk.kiosk.flow;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.text.NumberFormat;
import java.time.Instant;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.Currency;
import java.util.Locale;
import java.util.UUID;

/**
 * The receipt of the amount charged to the credit card (R-KI7, claim 9), ready to print or save.
 * Card numbers are masked.
 */
public record Receipt(UUID purchaseId, String terminalId, Instant billedAt, String maskedCreditCard,
                      String maskedEmoneyCard, long amount, Currency currency) {

    /** Plain text, one item per line, for a receipt printer or a file. */
    public String toText(Locale locale, ZoneId zone) {
        NumberFormat money = NumberFormat.getCurrencyInstance(locale);
        money.setCurrency(currency);
        money.setMaximumFractionDigits(currency.getDefaultFractionDigits());
        money.setMinimumFractionDigits(currency.getDefaultFractionDigits());
        BigDecimal major = BigDecimal.valueOf(amount).movePointLeft(currency.getDefaultFractionDigits());
        return String.join("\n",
                "ValueKiosk - VALUE purchase",
                "Date:        " + DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm").withZone(zone).format(billedAt),
                "Terminal:    " + terminalId,
                "Credit card: " + maskedCreditCard,
                "E-money:     " + maskedEmoneyCard,
                "Charged:     " + money.format(major),
                "Purchase:    " + purchaseId,
                "");
    }

    public void saveTo(Path file, Locale locale, ZoneId zone) throws IOException {
        Files.writeString(file, toText(locale, zone), StandardCharsets.UTF_8);
    }
}
