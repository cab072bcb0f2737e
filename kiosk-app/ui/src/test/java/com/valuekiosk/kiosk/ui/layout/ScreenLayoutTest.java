package com.valuekiosk.kiosk.ui.layout;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.KioskRig;
import com.valuekiosk.kiosk.ui.KioskStage;
import com.valuekiosk.kiosk.ui.KioskUi;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.tools.ScreenTour;
import com.valuekiosk.kiosk.ui.tools.ScreenshotRenderer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every screen of the tour (the screenshots' walk), in both languages, normal and high contrast, on a 1280 × 800
 * and a 1024 × 768 panel: nothing cut off or shortened, touch targets of 72 px at least with gaps between them,
 * no text over another ({@link LayoutAudit}).
 */
class ScreenLayoutTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;

    @ParameterizedTest(name = "{0} x {1}")
    @CsvSource({"1280, 800", "1024, 768"})
    void everyScreenFitsInBothLanguagesAndThemes(int width, int height) throws Exception {
        KioskRig kiosk = kioskStage.openRig(directory);
        List<String> problems = new ArrayList<>();
        List<String> seen = new ArrayList<>();
        ScreenTour tour = new ScreenTour(kiosk, width, height, (name, scene, ui) -> {
            seen.add(name);
            for (Locale language : Messages.LANGUAGES) {
                ui.messages().setLocale(language);
                for (boolean contrast : new boolean[] {false, true}) {
                    ui.highContrastProperty().set(contrast);
                    for (String problem : LayoutAudit.of(scene)) {
                        problems.add(name + " (" + language.getLanguage() + (contrast ? ", high contrast" : "") + "): "
                                + problem);
                    }
                }
            }
            ui.highContrastProperty().set(false);
            ui.messages().setLocale(Messages.JAPANESE);
        });
        ScreenshotRenderer.onFx(tour::run);
        assertThat(seen).as("the tour reached every screen").hasSize(ScreenTour.SIGHTS).contains("menu", "purchase", "receipt",
                "confirm", "completed", "error_card_removed_during_write", "idle_warning", "attendant");
        assertThat(problems).as("layout problems at %d x %d", width, height).isEmpty();
    }
}
