package com.valuekiosk.kiosk.ui.receipt;

import com.valuekiosk.kiosk.flow.Receipt;
import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Money;
import java.time.ZoneId;
import java.time.format.DateTimeFormatter;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.ResourceBundle;

/**
 * The receipt (R-KI7) as plain text in one of the kiosk's languages: the words from the message bundle,
 * the amount as the screens show it ({@link Money}: ¥2,000 in both languages), the time in the site's zone,
 * card numbers as the engine masked them. The same text goes to the screen, the saved file and the printer.
 *
 * <p>Labels are padded to one column by display width (a Japanese character takes two columns of a
 * monospace font or a receipt printer), so the values line up in both languages.
 */
public final class ReceiptText {

    private static final int GAP = 2;

    private ReceiptText() {
    }

    public static String format(Receipt receipt, Locale locale, ZoneId zone) {
        Objects.requireNonNull(receipt, "receipt");
        Objects.requireNonNull(zone, "zone");
        ResourceBundle words = Messages.load(locale);
        DateTimeFormatter time = DateTimeFormatter.ofPattern(words.getString(Keys.RECEIPT_LINE_DATE_TIME_PATTERN), locale)
                .withZone(zone);

        Map<String, String> lines = new LinkedHashMap<>();
        lines.put(words.getString(Keys.RECEIPT_LINE_DATE), time.format(receipt.billedAt()));
        lines.put(words.getString(Keys.RECEIPT_LINE_TERMINAL), receipt.terminalId());
        lines.put(words.getString(Keys.RECEIPT_LINE_CREDIT_CARD), receipt.maskedCreditCard());
        lines.put(words.getString(Keys.RECEIPT_LINE_EMONEY_CARD), receipt.maskedEmoneyCard());
        lines.put(words.getString(Keys.RECEIPT_LINE_CHARGED), Money.format(receipt.amount(), receipt.currency(), locale));
        lines.put(words.getString(Keys.RECEIPT_LINE_PURCHASE_ID), PurchaseNumber.of(receipt.purchaseId()));

        int labelColumns = lines.keySet().stream().mapToInt(ReceiptText::displayWidth).max().orElse(0) + GAP;
        StringBuilder text = new StringBuilder(words.getString(Keys.RECEIPT_LINE_HEADING)).append('\n');
        lines.forEach((label, value) -> text.append(label).append(" ".repeat(labelColumns - displayWidth(label)))
                .append(value).append('\n'));
        return text.toString();
    }

    /** Columns {@code text} takes in a monospace font: two for East Asian wide characters, one otherwise. */
    static int displayWidth(String text) {
        return text.codePoints().map(c -> isWide(c) ? 2 : 1).sum();
    }

    private static boolean isWide(int c) {
        return (c >= 0x1100 && c <= 0x115F)     // Hangul Jamo
                || (c >= 0x2E80 && c <= 0xA4CF)  // CJK radicals, kana, ideographs, Yi (includes U+3000)
                || (c >= 0xAC00 && c <= 0xD7A3)  // Hangul syllables
                || (c >= 0xF900 && c <= 0xFAFF)  // CJK compatibility ideographs
                || (c >= 0xFE30 && c <= 0xFE4F)  // CJK compatibility forms
                || (c >= 0xFF00 && c <= 0xFF60)  // full-width forms
                || (c >= 0xFFE0 && c <= 0xFFE6)
                || (c >= 0x20000 && c <= 0x3FFFD);
    }
}
