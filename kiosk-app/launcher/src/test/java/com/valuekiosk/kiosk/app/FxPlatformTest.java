package com.valuekiosk.kiosk.app;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.KioskFonts;
import javafx.application.Platform;
import javafx.scene.text.Font;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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

    @Test
    void glIsKnownToBeSoftwareOnlyOnLinuxWithoutAnyDrmDevice(@TempDir Path dri) throws Exception {
        assertThat(FxPlatform.glCanOnlyBeSoftware("Linux", dri.resolve("absent"))).as("no /dev/dri").isTrue();
        assertThat(FxPlatform.glCanOnlyBeSoftware("Linux", dri)).as("an empty /dev/dri").isTrue();

        Files.createFile(dri.resolve("renderD128"));
        assertThat(FxPlatform.glCanOnlyBeSoftware("Linux", dri)).as("a render node").isFalse();
        assertThat(FxPlatform.glCanOnlyBeSoftware("Windows 11", dri.resolve("absent"))).as("not Linux: JavaFX decides").isFalse();
        assertThat(FxPlatform.glCanOnlyBeSoftware("Mac OS X", dri.resolve("absent"))).isFalse();
    }
}
