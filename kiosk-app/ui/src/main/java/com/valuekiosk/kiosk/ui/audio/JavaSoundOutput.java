package com.valuekiosk.kiosk.ui.audio;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URL;
import javax.sound.sampled.AudioInputStream;
import javax.sound.sampled.AudioSystem;
import javax.sound.sampled.Clip;
import javax.sound.sampled.Line;
import javax.sound.sampled.LineEvent;
import javax.sound.sampled.LineUnavailableException;
import javax.sound.sampled.UnsupportedAudioFileException;

/**
 * Plays WAV clips through javax.sound.sampled (in the JDK; JavaFX media would need GStreamer on the kiosk).
 * A {@link Clip} holds the whole short clip and plays it on the sound system's own thread, so {@link #play}
 * returns at once and {@link #stop} cuts it off.
 */
public final class JavaSoundOutput implements SoundOutput {

    private Clip playing;

    @Override
    public synchronized void play(URL clip) throws SoundUnavailableException, IOException {
        stop();
        try (InputStream in = new BufferedInputStream(clip.openStream());
             AudioInputStream audio = AudioSystem.getAudioInputStream(in)) {
            Clip next = openClip(audio);
            // Give the device back when the clip ends by itself.
            next.addLineListener(event -> {
                if (event.getType() == LineEvent.Type.STOP) {
                    event.getLine().close();
                }
            });
            next.start();
            playing = next;
        } catch (UnsupportedAudioFileException e) {
            throw new IOException("not a playable clip: " + clip, e);
        }
    }

    private static Clip openClip(AudioInputStream audio) throws SoundUnavailableException, IOException {
        try {
            Clip clip = AudioSystem.getClip();
            clip.open(audio);
            return clip;
        } catch (LineUnavailableException | IllegalArgumentException | SecurityException e) {
            // IllegalArgumentException: the sound system has no mixer with a line for this format (no device).
            throw new SoundUnavailableException("no audio device: " + e.getMessage(), e);
        }
    }

    /** A mixer that gives {@link Clip} lines: none on a machine without sound hardware or without ALSA. */
    @Override
    public boolean deviceAvailable() {
        try {
            return AudioSystem.isLineSupported(new Line.Info(Clip.class));
        } catch (RuntimeException e) {
            return false;
        }
    }

    @Override
    public synchronized void stop() {
        if (playing != null) {
            playing.stop();
            playing.close();
            playing = null;
        }
    }
}
