package com.valuekiosk.kiosk.ui.audio;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.valuekiosk.kiosk.ui.Keys;
import com.valuekiosk.kiosk.ui.Messages;
import java.net.URL;
import org.junit.jupiter.api.Test;

/** The real javax.sound.sampled output, on whatever this machine has: a sound card or none (CI). */
class JavaSoundOutputTest {

    private final JavaSoundOutput output = new JavaSoundOutput();

    @Test
    void aClipEitherPlaysOrReportsThatThereIsNoAudioDevice() throws Exception {
        URL clip = GuidanceSpeaker.clip(Keys.MENU_TITLE, Messages.ENGLISH);
        try {
            output.play(clip);
            output.play(clip); // cuts off the first
        } catch (SoundUnavailableException noDevice) {
            // A machine without speakers: exactly this exception, nothing else.
        } finally {
            output.stop();
            output.stop();
        }
    }

    @Test
    void aFileThatIsNotSoundIsAnIoErrorNotADeviceProblem() {
        URL notSound = Messages.class.getClassLoader().getResource("com/valuekiosk/assets/i18n/messages_en.properties");
        assertThatThrownBy(() -> output.play(notSound)).isInstanceOf(java.io.IOException.class)
                .hasMessageContaining("not a playable clip");
    }
}
