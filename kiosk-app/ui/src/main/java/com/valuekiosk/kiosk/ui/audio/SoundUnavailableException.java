package com.valuekiosk.kiosk.ui.audio;

/** The machine has no audio device to play on (a kiosk without speakers, a headless CI machine). */
public final class SoundUnavailableException extends Exception {

    private static final long serialVersionUID = 1L;

    public SoundUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
