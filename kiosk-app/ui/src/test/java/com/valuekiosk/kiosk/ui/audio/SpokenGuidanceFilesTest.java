package com.valuekiosk.kiosk.ui.audio;

import static org.assertj.core.api.Assertions.assertThat;

import com.valuekiosk.kiosk.ui.Messages;
import com.valuekiosk.kiosk.ui.Screen;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import javax.sound.sampled.AudioFormat;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import org.junit.jupiter.api.Test;

/**
 * Like the localisation consistency test, for sound: every spoken key has a clip in every language, every clip
 * belongs to a spoken key, the generator speaks exactly those keys, and the clips are small, playable WAVs.
 */
class SpokenGuidanceFilesTest {

    private static final Path SOUND_SOURCES = Path.of("../../assets/src/main/resources/" + GuidanceSpeaker.SOUND_FOLDER);
    private static final Path GENERATOR = Path.of("../../assets/sound/generate.sh");

    @Test
    void everyScreenHasAnInstruction() {
        for (Screen screen : Screen.values()) {
            assertThat(ScreenGuidance.instructionOf(screen)).as("%s", screen).isNotBlank();
        }
    }

    @Test
    void everySpokenKeyHasAClipInEveryLanguageOnTheClasspath() {
        for (Locale language : Messages.LANGUAGES) {
            for (String key : ScreenGuidance.spokenKeys()) {
                assertThat(GuidanceSpeaker.clip(key, language)).as(GuidanceSpeaker.clipPath(key, language)).isNotNull();
            }
        }
    }

    @Test
    void everyClipBelongsToASpokenKeyAndALanguage() throws IOException {
        Set<String> expected = new TreeSet<>();
        for (Locale language : Messages.LANGUAGES) {
            ScreenGuidance.spokenKeys().forEach(key -> expected.add(language.getLanguage() + "/" + key + ".wav"));
        }
        Set<String> present = new TreeSet<>();
        try (Stream<Path> files = Files.walk(SOUND_SOURCES)) {
            files.filter(Files::isRegularFile)
                    .forEach(file -> present.add(SOUND_SOURCES.relativize(file).toString().replace('\\', '/')));
        }
        assertThat(present).isEqualTo(expected);
    }

    @Test
    void theGeneratorSpeaksExactlyTheKeysOfTheScreens() throws IOException {
        List<String> script = Files.readAllLines(GENERATOR);
        int start = script.indexOf("keys=(");
        int end = script.subList(start, script.size()).indexOf(")") + start;
        Set<String> generated = new TreeSet<>(script.subList(start + 1, end).stream().map(String::strip).toList());
        assertThat(generated).isEqualTo(ScreenGuidance.spokenKeys());
    }

    @Test
    void clipsAreSmallMonoPcmWavsThatJavaSoundReads() throws Exception {
        long total = 0;
        for (Locale language : Messages.LANGUAGES) {
            for (String key : ScreenGuidance.spokenKeys()) {
                URL clip = GuidanceSpeaker.clip(key, language);
                try (InputStream in = new BufferedInputStream(clip.openStream());
                     AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
                    AudioFormat format = audio.getFormat();
                    assertThat(format.getChannels()).as(key).isEqualTo(1);
                    assertThat(format.getSampleRate()).as(key).isLessThanOrEqualTo(16_000f);
                    assertThat(format.getSampleSizeInBits()).as(key).isLessThanOrEqualTo(16);
                    assertThat(audio.getFrameLength() / format.getFrameRate()).as("%s seconds", key).isBetween(0.3f, 15f);
                }
                total += Files.size(SOUND_SOURCES.resolve(GuidanceSpeaker.clipPath(key, language)
                        .substring(GuidanceSpeaker.SOUND_FOLDER.length())));
            }
        }
        assertThat(total).as("all clips together, bytes").isLessThan(5_000_000L);
    }
}
