package com.valuekiosk.kiosk.ui;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.card.host.DemoCards;
import com.valuekiosk.kiosk.ui.audio.GuidanceSpeaker;
import com.valuekiosk.kiosk.ui.audio.RecordingSoundOutput;
import com.valuekiosk.kiosk.ui.receipt.ReceiptPrinter;
import com.valuekiosk.kiosk.ui.receipt.RecordingPrintService;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import javafx.scene.Node;
import javafx.scene.control.ToggleButton;
import javax.print.DocFlavor;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import org.testfx.util.WaitForAsyncUtils;

/**
 * The kiosk's output section on the real engine (simulated readers, both servers): the receipt in the chosen
 * language, printed on the site's printer (a recording print service), the spoken instruction of each screen
 * (a recording sound output) and the header's mute toggle. Work runs on the FX thread (current-thread executors).
 */
class OutputScreensTest {

    @RegisterExtension
    final KioskStage kioskStage = new KioskStage();
    @TempDir
    Path directory;
    private KioskRig kiosk;
    private KioskUi ui;
    private GuidanceSpeaker speaker;
    private final RecordingSoundOutput sound = new RecordingSoundOutput();
    private final RecordingPrintService thermal = new RecordingPrintService("receipt", DocFlavor.INPUT_STREAM.TEXT_PLAIN_UTF_8);
    private final ScreenRobot robot = new ScreenRobot();

    @BeforeEach
    void kiosk() throws Exception {
        kiosk = kioskStage.openRig(directory);
        UiSettings settings = kiosk.uiSettings().withReceiptPrinter("receipt");
        ReceiptPrinter printer = new ReceiptPrinter("receipt", () -> List.of(thermal));
        ui = kioskStage.show(() -> new KioskUi(KioskFlows.of(kiosk.engine), KioskRig.currentThread(), settings,
                speaker = new GuidanceSpeaker(sound, Runnable::run), Optional.of(printer)));
    }

    @Test
    void eachScreenSpeaksItsInstructionThePrintedReceiptIsInTheLanguageShownAndMuteSilences() {
        kiosk.placeBothCards();
        robot.clickOn("#menu-purchase");
        assertThat(sound.played()).containsExactly("ja/purchase.instruction");
        robot.typePin(DemoCards.PIN);
        robot.clickOn("#preset-2000");
        robot.clickOn("#transmit");
        assertThat(ui.navigator().current()).as(robot.text("#error-what")).isEqualTo(Screen.RECEIPT);
        assertThat(sound.played()).containsExactly("ja/purchase.instruction", "ja/processing.keepCard", "ja/receipt.title");

        String shown = robot.text("#receipt-text");
        assertThat(shown).contains("ご請求額").contains("¥2,000").contains("**** **** **** 0013")
                .doesNotContain("\uFFE5").doesNotContain(DemoCards.CREDIT_CARD.cardNumber().digits());
        robot.clickOn("#receipt-print");
        assertThat(robot.text("#receipt-status")).isEqualTo("レシートを印刷しました。プリンターからお取りください。");
        assertThat(new String(thermal.jobs.get(0).bytes(), StandardCharsets.UTF_8)).isEqualTo(shown + "\n");

        robot.clickOn("#lang-en");
        assertThat(sound.played()).endsWith("en/receipt.title");
        assertThat(robot.text("#receipt-text")).contains("Charged       ¥2,000");
        assertThat(robot.text("#audio-mute")).isEqualTo("Voice guidance: on");

        robot.clickOn("#audio-mute");
        assertThat(speaker.muted()).isTrue();
        assertThat(robot.text("#audio-mute")).isEqualTo("Voice guidance: off");
        assertThat(sound.calls).endsWith("stop");
        int spoken = sound.played().size();
        robot.clickOn("#back-to-menu");
        robot.takeCreditCardBack(ui, kiosk.contact);
        robot.clickOn("#lang-ja");
        assertThat(sound.played()).as("muted: nothing more is spoken").hasSize(spoken);

        robot.clickOn("#audio-mute");
        robot.clickOn("#menu-balance");
        assertThat(sound.played()).endsWith("ja/balance.title");
    }

    @Test
    void aKioskWithoutPrinterOrGuidanceShowsNeitherPrintNorMute() throws Exception {
        KioskUi plain = onFxThread(kiosk::kioskUi);
        assertThat(plain.root().lookup("#audio-mute")).isNull();
        Node print = onFxThread(() -> {
            plain.navigator().navigate(Screen.RECEIPT);
            return plain.root().lookup("#receipt-print");
        });
        assertThat(print.isVisible()).isFalse();
        assertThat(((ToggleButton) ui.root().lookup("#audio-mute")).isVisible()).isTrue();
    }

    private static <T> T onFxThread(java.util.concurrent.Callable<T> work) throws Exception {
        return WaitForAsyncUtils.asyncFx(work).get();
    }

    static {
        Locale.setDefault(Locale.US);
    }
}
