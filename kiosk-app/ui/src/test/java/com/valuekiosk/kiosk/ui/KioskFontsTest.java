package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import java.awt.Font;
import java.io.IOException;
import java.io.InputStream;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.testfx.api.FxToolkit;

/**
 * The shipped fonts show every text of the kiosk in both languages (so a machine without Japanese fonts shows no
 * boxes), JavaFX knows their families once loaded, the receipt face is fixed width with Japanese two columns wide,
 * and the licence travels with them.
 */
class KioskFontsTest {

    @BeforeAll
    static void toolkit() throws Exception {
        FxToolkit.registerPrimaryStage();
    }

    @Test
    void everyCharacterOfEveryBundleHasAGlyphInEveryShippedFont() throws Exception {
        for (String file : KioskFonts.FILES) {
            Font font = awtFont(file);
            for (Locale language : Messages.LANGUAGES) {
                for (Map.Entry<String, String> entry : BundleFiles.entries(Messages.BUNDLE, language).entrySet()) {
                    String text = entry.getValue();
                    int missing = font.canDisplayUpTo(text);
                    assertThat(missing).as("%s cannot show %s of %s=%s; run assets/fonts/subset-fonts.py", file,
                            missing < 0 ? "" : "U+%04X".formatted(text.codePointAt(missing)), entry.getKey(), text)
                            .isEqualTo(-1);
                }
            }
        }
    }

    @Test
    void javaFxKnowsTheFamiliesTheCssAsksForFirst() throws Exception {
        FxToolkit.setupFixture(KioskFonts::load);
        assertThat(javafx.scene.text.Font.getFamilies()).contains(KioskFonts.SCREEN_FAMILY, KioskFonts.RECEIPT_FAMILY);
        try (InputStream css = KioskFonts.class.getResourceAsStream(Styles.KIOSK_CSS)) {
            String theme = new String(css.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
            assertThat(theme).contains("-fx-font-family: \"" + KioskFonts.SCREEN_FAMILY + "\"",
                    "-fx-font-family: \"" + KioskFonts.RECEIPT_FAMILY + "\"");
        }
    }

    @Test
    void theReceiptFaceDrawsJapaneseTwoLatinColumnsWide() {
        Font font = KioskFonts.receiptFontForPrinting(20);
        java.awt.font.FontRenderContext context = new java.awt.font.FontRenderContext(null, false, false);
        double latin = font.getStringBounds("A", context).getWidth();
        assertThat(font.getStringBounds("W", context).getWidth()).isEqualTo(latin);
        assertThat(font.getStringBounds("円", context).getWidth()).isEqualTo(2 * latin);
        assertThat(font.getStringBounds("カ", context).getWidth()).isEqualTo(2 * latin);
    }

    @Test
    void theLicenceIsShippedBesideTheFonts() throws IOException {
        try (InputStream licence = KioskFonts.class.getResourceAsStream(KioskFonts.DIRECTORY + "OFL.txt")) {
            assertThat(licence).isNotNull();
            assertThat(new String(licence.readAllBytes(), java.nio.charset.StandardCharsets.UTF_8))
                    .contains("SIL OPEN FONT LICENSE Version 1.1", "The BIZ UDGothic Project Authors");
        }
    }

    private static Font awtFont(String file) throws Exception {
        try (InputStream in = KioskFonts.open(file)) {
            return Font.createFont(Font.TRUETYPE_FONT, in);
        }
    }
}
