package com.valuekiosk.kiosk.reader;

/** PIN entry on the reader was asked for, and the reader has no PIN pad (use {@link HostPinEntry}). */
public final class NoPinPadException extends ReaderException {

    private static final long serialVersionUID = 1L;

    public NoPinPadException() {
        super("the reader has no PIN pad (PC/SC FEATURE_VERIFY_PIN_DIRECT): enter the PIN on the screen");
    }
}
