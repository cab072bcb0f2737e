package com.valuekiosk.server.http;

import com.valuekiosk.card.host.CardNumber;
import java.util.regex.Pattern;

/**
 * What an answer or a log line may repeat of what a client sent (a path, a field name): card
 * numbers masked, at most {@value #MAX_CHARACTERS} characters, and nothing but letters, digits and
 * {@code / _ . - * space} as they are; anything else (markup, quotes, control characters, other
 * scripts) is written as {@code \}{@code uXXXX}.
 */
final class Echo {

    static final int MAX_CHARACTERS = 64;

    /** Twelve digits or more in a row, even inside a word: masked even where {@link CardNumber#maskAll} sees no number. */
    private static final Pattern LONG_DIGIT_RUN = Pattern.compile("\\d{8,}(\\d{4})");

    private Echo() {
    }

    static String of(String sent) {
        if (sent == null) {
            return "-";
        }
        String masked = LONG_DIGIT_RUN.matcher(CardNumber.maskAll(sent)).replaceAll("**** **** **** $1");
        StringBuilder out = new StringBuilder(Math.min(masked.length(), MAX_CHARACTERS) + 8);
        for (int i = 0; i < masked.length(); i++) {
            char c = masked.charAt(i);
            String piece = isPlain(c) ? String.valueOf(c) : String.format("\\u%04x", (int) c);
            if (out.length() + piece.length() > MAX_CHARACTERS) {
                return out.append("…").toString();
            }
            out.append(piece);
        }
        return out.toString();
    }

    private static boolean isPlain(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '/' || c == '_' || c == '.' || c == '-' || c == '*' || c == ' ';
    }
}
