package com.valuekiosk.kiosk.ui.audio;

import java.net.URL;
import java.util.ArrayList;
import java.util.List;

/**
 * A sound output for tests: records "play ja/menu.title" and "stop" instead of sounding, or behaves like a
 * machine without an audio device.
 */
public final class RecordingSoundOutput implements SoundOutput {

    public final List<String> calls = new ArrayList<>();
    private boolean noDevice;

    public RecordingSoundOutput withoutDevice() {
        noDevice = true;
        return this;
    }

    @Override
    public synchronized void play(URL clip) throws SoundUnavailableException {
        String path = clip.getPath();
        String languageAndKey = path.substring(path.indexOf(GuidanceSpeaker.SOUND_FOLDER) + GuidanceSpeaker.SOUND_FOLDER.length(),
                path.length() - ".wav".length());
        calls.add("play " + languageAndKey);
        if (noDevice) {
            throw new SoundUnavailableException("no mixer", new IllegalArgumentException("No line matching interface Clip"));
        }
    }

    /** A speaker plugged in: clips play from now on. */
    public synchronized RecordingSoundOutput plugIn() {
        noDevice = false;
        return this;
    }

    @Override
    public synchronized boolean deviceAvailable() {
        return !noDevice;
    }

    @Override
    public synchronized void stop() {
        calls.add("stop");
    }

    /** The clips asked for, without the stops. */
    public synchronized List<String> played() {
        return calls.stream().filter(call -> call.startsWith("play ")).map(call -> call.substring(5)).toList();
    }
}
