package com.valuekiosk.kiosk.ui.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Navigator;
import com.valuekiosk.kiosk.ui.Screen;
import com.valuekiosk.kiosk.ui.UiSettings;
import com.valuekiosk.server.testing.LogCapture;
import java.nio.file.Path;
import java.util.ArrayDeque;
import java.util.Queue;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

/** Which instruction is spoken when, on the navigation model itself (no window needed). */
class ScreenGuidanceTest {

    /** The speaker's worker, run by the test: proves the sound is not played on the caller's thread. */
    private static final class HeldWork implements Executor {
        final Queue<Runnable> jobs = new ArrayDeque<>();

        @Override
        public void execute(Runnable job) {
            jobs.add(job);
        }

        void runAll() {
            while (!jobs.isEmpty()) {
                jobs.remove().run();
            }
        }
    }

    private final RecordingSoundOutput output = new RecordingSoundOutput();
    private final HeldWork worker = new HeldWork();
    private final GuidanceSpeaker speaker = new GuidanceSpeaker(output, worker);
    private final Navigator navigator = new Navigator();
    private final Messages messages = new Messages(Messages.JAPANESE);

    @Test
    void openingAScreenSpeaksItsInstructionInTheChosenLanguageOnTheWorker() {
        ScreenGuidance.follow(navigator, messages, speaker);

        navigator.navigate(Screen.PURCHASE);
        assertThat(output.calls).as("nothing played on the calling thread").isEmpty();
        worker.runAll();
        assertThat(output.played()).containsExactly("ja/purchase.instruction");

        messages.setLocale(Messages.ENGLISH);
        navigator.navigate(Screen.CHARGE_UP);
        worker.runAll();
        assertThat(output.played()).containsExactly("ja/purchase.instruction", "en/purchase.instruction", "en/chargeUp.placeCard");
    }

    @Test
    void switchingTheLanguageSpeaksTheSameScreenAgainInTheNewLanguage() {
        ScreenGuidance.follow(navigator, messages, speaker);
        navigator.navigate(Screen.CONFIRM);
        messages.setLocale(Messages.ENGLISH);
        messages.setLocale(Messages.JAPANESE);
        worker.runAll();
        assertThat(output.played()).containsExactly("ja/confirm.question", "en/confirm.question", "ja/confirm.question");
    }

    @Test
    void mutingStopsWhatIsPlayingAndKeepsTheKioskQuietUntilUnmuted() {
        ScreenGuidance.follow(navigator, messages, speaker);
        navigator.navigate(Screen.PURCHASE);
        worker.runAll();

        speaker.setMuted(true);
        worker.runAll();
        assertThat(output.calls).endsWith("stop");
        navigator.navigate(Screen.PROCESSING);
        messages.setLocale(Messages.ENGLISH);
        worker.runAll();
        assertThat(output.played()).containsExactly("ja/purchase.instruction");

        speaker.setMuted(false);
        navigator.navigate(Screen.RECEIPT);
        worker.runAll();
        assertThat(output.played()).containsExactly("ja/purchase.instruction", "en/receipt.title");
    }

    @Test
    void withoutAnAudioDeviceTheScreensGoOnAndItIsLoggedOnce() throws Exception {
        RecordingSoundOutput noSpeakers = new RecordingSoundOutput().withoutDevice();
        try (LogCapture log = new LogCapture()) {
            GuidanceSpeaker quiet = new GuidanceSpeaker(noSpeakers, Runnable::run);
            ScreenGuidance.follow(navigator, messages, quiet);
            navigator.navigate(Screen.PURCHASE);
            navigator.navigate(Screen.PROCESSING);
            navigator.navigate(Screen.RECEIPT);
            assertThat(navigator.current()).isEqualTo(Screen.RECEIPT);
            assertThat(noSpeakers.played()).as("each screen still tries: a speaker may be plugged in later")
                    .containsExactly("ja/purchase.instruction", "ja/processing.keepCard", "ja/receipt.title");
            assertThat(log.text().lines().filter(line -> line.contains("spoken guidance is silent")).count()).isEqualTo(1);
        }
    }

    @Test
    void theHeaderCanTellThatThereIsNoSpeakerUntilAClipPlays() {
        RecordingSoundOutput output = new RecordingSoundOutput().withoutDevice();
        GuidanceSpeaker speaker = new GuidanceSpeaker(output, Runnable::run);
        assertThat(speaker.deviceMissingProperty().get()).as("no device when the kiosk starts").isTrue();
        speaker.speak(Keys.MENU_TITLE, Messages.JAPANESE);
        assertThat(speaker.deviceMissingProperty().get()).isTrue();
        output.plugIn();
        speaker.speak(Keys.MENU_TITLE, Messages.JAPANESE);
        assertThat(speaker.deviceMissingProperty().get()).as("a clip played").isFalse();
        assertThat(new GuidanceSpeaker(new RecordingSoundOutput(), Runnable::run).deviceMissingProperty().get()).isFalse();
    }

    @Test
    void aSiteWithoutSpokenGuidanceNeverSpeaks() {
        GuidanceSpeaker site = GuidanceSpeaker.forSite(UiSettings.yen(Path.of("receipts")).withSpokenGuidance(false));
        assertThat(site.enabled()).isFalse();
        assertThat(GuidanceSpeaker.forSite(UiSettings.yen(Path.of("receipts"))).enabled()).as("on by default").isTrue();
    }
}
