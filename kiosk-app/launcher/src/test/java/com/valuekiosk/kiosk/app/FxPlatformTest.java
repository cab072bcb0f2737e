package com.valuekiosk.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.KioskFonts;
import javafx.application.Platform;
import javafx.scene.text.Font;
import org.junit.jupiter.api.Test;

/** JavaFX started in the background while the kiosk is put together (issue #16), then waited for where it is needed. */
class FxPlatformTest {

    @Test
    void startWaitsForTheToolkitStartedInTheBackgroundWithTheKioskFontsRegistered() throws Exception {
        FxPlatform.startInBackground();
        FxPlatform.startInBackground(); // once per JVM: a second call starts nothing

        FxPlatform.start();

        assertThat(FxPlatform.call(Platform::isFxApplicationThread)).isTrue();
        assertThat(Font.getFamilies()).contains(KioskFonts.SCREEN_FAMILY, KioskFonts.RECEIPT_FAMILY);
    }
}
