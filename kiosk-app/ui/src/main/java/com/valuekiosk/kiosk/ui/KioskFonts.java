package com.valuekiosk.kiosk.ui;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import javafx.scene.text.Font;

/**
 * The kiosk's typefaces, shipped with it: BIZ UDPGothic (regular and bold) for the screens and BIZ UDGothic for
 * receipts, whose Japanese characters are exactly two columns wide. A Universal Design face, legible at a glance
 * in a lobby; shipped in the jar (subset by {@code assets/fonts/subset-fonts.py}, SIL Open Font License) so that
 * Japanese renders on a machine without any Japanese font. The CSS names these families first.
 */
public final class KioskFonts {

    /** The screens' family (proportional). */
    public static final String SCREEN_FAMILY = "BIZ UDPGothic";
    /** The receipts' family (fixed width). */
    public static final String RECEIPT_FAMILY = "BIZ UDGothic";

    static final String DIRECTORY = "/com/valuekiosk/assets/fonts/";
    static final List<String> FILES = List.of("BIZUDPGothic-Regular.ttf", "BIZUDPGothic-Bold.ttf",
            "BIZUDGothic-Regular.ttf");

    private static final String RECEIPT_FILE = "BIZUDGothic-Regular.ttf";

    private static boolean loaded;

    private KioskFonts() {
    }

    /** Registers the fonts with JavaFX, once per process; before the first scene styles its text. */
    public static synchronized void load() {
        if (loaded) {
            return;
        }
        for (String file : FILES) {
            try (InputStream in = open(file)) {
                if (Font.loadFont(in, 12) == null) {
                    throw new IllegalStateException("JavaFX cannot load the font " + DIRECTORY + file);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("reading " + DIRECTORY + file, e);
            }
        }
        loaded = true;
    }

    /** The receipts' face for java.awt printing ({@code ReceiptPrintable}), at {@code points}; read once. */
    public static java.awt.Font receiptFontForPrinting(float points) {
        return ReceiptFace.FONT.deriveFont(points);
    }

    /** The 1.8 MB file is read on the first receipt printed as graphics, not at start-up, and only then. */
    private static final class ReceiptFace {
        static final java.awt.Font FONT = read();

        private static java.awt.Font read() {
            try (InputStream in = open(RECEIPT_FILE)) {
                return java.awt.Font.createFont(java.awt.Font.TRUETYPE_FONT, in);
            } catch (IOException | java.awt.FontFormatException e) {
                throw new IllegalStateException("cannot read the receipt font " + DIRECTORY + RECEIPT_FILE, e);
            }
        }
    }

    static InputStream open(String file) {
        InputStream in = KioskFonts.class.getResourceAsStream(DIRECTORY + file);
        if (in == null) {
            throw new IllegalStateException("font missing from the kiosk's jar: " + DIRECTORY + file);
        }
        return in;
    }
}
