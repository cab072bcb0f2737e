package com.valuekiosk.kiosk.ui.receipt;

import java.awt.Color;
import com.valuekiosk.kiosk.ui.KioskFonts;
import java.awt.Font;
import java.awt.FontMetrics;
import java.awt.Graphics;
import java.awt.Graphics2D;
import java.awt.print.PageFormat;
import java.awt.print.Printable;
import java.util.List;
import java.util.Objects;

/**
 * The receipt text drawn line by line in a monospace font, for print services that take only graphics
 * (a {@link Printable}: PostScript streams, drivers without a text filter). One page: a receipt is a few lines.
 */
public final class ReceiptPrintable implements Printable {

    /** Small enough for 58 mm paper (32 columns at 9 pt), large enough to read. */
    public static final int POINT_SIZE = 9;

    private final List<String> lines;
    private final Font font;

    public ReceiptPrintable(String text) {
        this.lines = Objects.requireNonNull(text, "text").lines().toList();
        // The shipped fixed-width face: its Japanese characters are two columns, as on the screen's receipt.
        this.font = KioskFonts.receiptFontForPrinting(POINT_SIZE);
    }

    @Override
    public int print(Graphics graphics, PageFormat page, int pageIndex) {
        if (pageIndex > 0) {
            return NO_SUCH_PAGE;
        }
        Graphics2D g = (Graphics2D) graphics;
        g.translate(page.getImageableX(), page.getImageableY());
        g.setColor(Color.BLACK);
        g.setFont(font);
        FontMetrics metrics = g.getFontMetrics();
        int y = metrics.getAscent();
        for (String line : lines) {
            g.drawString(line, 0, y);
            y += metrics.getHeight();
        }
        return PAGE_EXISTS;
    }

    public List<String> lines() {
        return lines;
    }
}
