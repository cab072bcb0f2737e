package com.valuekiosk.kiosk.ui.audio;

import java.io.IOException;
import java.net.URL;

/**
 * Where spoken guidance goes: the loudspeaker of the patent's output section (FIG. 3). One clip at a time.
 * Called on the speaker's worker thread only, never on the FX thread.
 */
public interface SoundOutput {

    /**
     * Starts playing {@code clip} (a WAV resource), cutting off whatever this output is playing, and returns
     * while it plays.
     *
     * @throws SoundUnavailableException when the machine has no audio device that can play it
     * @throws IOException when the clip cannot be read or decoded
     */
    void play(URL clip) throws SoundUnavailableException, IOException;

    /** Stops the clip playing now, if any. */
    void stop();

    /** Whether the machine has a device this output can play on now (asked when the kiosk starts). */
    default boolean deviceAvailable() {
        return true;
    }
}
