package com.valuekiosk.kiosk.ui.audio;

import com.valuekiosk.kiosk.ui.UiSettings;
import java.io.IOException;
import java.net.URL;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.Executor;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicBoolean;
import javafx.application.Platform;
import javafx.beans.property.BooleanProperty;
import javafx.beans.property.ReadOnlyBooleanProperty;
import javafx.beans.property.SimpleBooleanProperty;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Speaks a screen's instruction in the chosen language (R-KI2; the loudspeaker of FIG. 3): plays the sound file
 * {@code com/valuekiosk/assets/sound/<language>/<message key>.wav} of the assets module on its own worker, never on
 * the FX thread. A new instruction cuts off the one still playing; {@link #mutedProperty() muting} stops it.
 * Without an audio device the kiosk stays silent: logged once, never shown to the person.
 *
 * <p>{@link #speak} and the muted property are for the FX thread; the {@link SoundOutput} runs on the worker.
 */
public final class GuidanceSpeaker {

    public static final String SOUND_FOLDER = "com/valuekiosk/assets/sound/";

    private static final Logger log = LoggerFactory.getLogger(GuidanceSpeaker.class);

    private final SoundOutput output;
    private final Executor worker;
    private final Executor fxThread;
    private final boolean enabled;
    private final BooleanProperty muted = new SimpleBooleanProperty(this, "muted", false);
    private final AtomicBoolean noDeviceLogged = new AtomicBoolean();
    // Written on the speaker's worker, published to the FX thread (the header's toggle shows it).
    private final AtomicBoolean deviceMissingNow = new AtomicBoolean();
    private final BooleanProperty deviceMissing = new SimpleBooleanProperty(this, "deviceMissing", false);

    /**
     * Speaks through {@code output}, one clip after the other on {@code worker} (a single thread keeps the order);
     * whether a device is there is published on the worker's thread (tests: a worker that runs on the caller).
     */
    public GuidanceSpeaker(SoundOutput output, Executor worker) {
        this(output, worker, Runnable::run, true);
    }

    private GuidanceSpeaker(SoundOutput output, Executor worker, Executor fxThread, boolean enabled) {
        this.output = Objects.requireNonNull(output, "output");
        this.worker = Objects.requireNonNull(worker, "worker");
        this.fxThread = Objects.requireNonNull(fxThread, "fxThread");
        this.enabled = enabled;
        if (enabled && !output.deviceAvailable()) {
            deviceMissingNow.set(true);
            deviceMissing.set(true);
            log.warn("spoken guidance is silent: this machine has no audio device");
            noDeviceLogged.set(true);
        }
        muted.addListener((o, was, now) -> {
            if (now) {
                worker.execute(output::stop);
            }
        });
    }

    /** A speaker that never speaks: a site without spoken guidance (and the header shows no mute button). */
    public static GuidanceSpeaker silent() {
        return new GuidanceSpeaker(new SoundOutput() {
            @Override
            public void play(URL clip) {
            }

            @Override
            public void stop() {
            }
        }, Runnable::run, Runnable::run, false);
    }

    /**
     * The site's speaker: the machine's audio device (javax.sound.sampled) on a daemon thread of its own when
     * {@link UiSettings#spokenGuidance()} is on, {@link #silent()} when it is off.
     */
    public static GuidanceSpeaker forSite(UiSettings settings) {
        if (!settings.spokenGuidance()) {
            return silent();
        }
        Executor worker = Executors.newSingleThreadExecutor(task -> {
            Thread thread = new Thread(task, "guidance-speaker");
            thread.setDaemon(true);
            return thread;
        });
        return new GuidanceSpeaker(new JavaSoundOutput(), worker, Platform::runLater, true);
    }

    /** The clip of message {@code key} in {@code locale}'s language, or null when there is none. */
    public static URL clip(String key, Locale locale) {
        return GuidanceSpeaker.class.getClassLoader().getResource(clipPath(key, locale));
    }

    /** {@code com/valuekiosk/assets/sound/<language>/<key>.wav}. */
    public static String clipPath(String key, Locale locale) {
        return SOUND_FOLDER + locale.getLanguage() + "/" + key + ".wav";
    }

    /** Whether this kiosk speaks at all (the site's setting); a person can still mute it. */
    public boolean enabled() {
        return enabled;
    }

    /** Speaks the text of {@code key} in {@code locale}, cutting off what is playing; nothing when muted. */
    public void speak(String key, Locale locale) {
        if (!enabled || muted.get()) {
            return;
        }
        URL clip = clip(key, locale);
        if (clip == null) {
            log.warn("no spoken guidance for {} in {}", key, locale.getLanguage());
            quiet();
            return;
        }
        worker.execute(() -> play(clip));
    }

    private void play(URL clip) {
        try {
            output.play(clip);
            publishDeviceMissing(false);
        } catch (SoundUnavailableException e) {
            publishDeviceMissing(true);
            if (noDeviceLogged.compareAndSet(false, true)) {
                log.warn("spoken guidance is silent: {}", e.getMessage());
            }
        } catch (IOException | RuntimeException e) {
            log.warn("spoken guidance {} could not be played", clip, e);
        }
    }

    private void publishDeviceMissing(boolean missing) {
        if (deviceMissingNow.getAndSet(missing) == missing) {
            return;
        }
        fxThread.execute(() -> deviceMissing.set(deviceMissingNow.get()));
    }

    /**
     * True while the machine has no audio device (at start, or since the last clip failed for want of one): the
     * header then says so instead of "Voice guidance: on". FX thread.
     */
    public ReadOnlyBooleanProperty deviceMissingProperty() {
        return deviceMissing;
    }

    /** Stops what is playing: a screen with nothing to say. */
    public void quiet() {
        worker.execute(output::stop);
    }

    /** Muted by the person at the kiosk (the header's toggle); muting stops what is playing. */
    public BooleanProperty mutedProperty() {
        return muted;
    }

    public boolean muted() {
        return muted.get();
    }

    public void setMuted(boolean mute) {
        muted.set(mute);
    }
}
