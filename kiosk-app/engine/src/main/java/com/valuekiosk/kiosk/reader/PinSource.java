package com.valuekiosk.kiosk.reader;

/**
 * Where a typed PIN comes from: the kiosk screen's PIN keypad (host entry) or, in the simulator, the
 * keys of a simulated reader PIN pad.
 *
 * <p>Ownership: every call of {@link #takePin()} hands the caller a char array that the caller wipes
 * ({@code Arrays.fill(pin, '\0')}) as soon as the PIN was sent; {@link PinEntry} implementations do that
 * in a {@code finally} block. A source keeps no copy of what it handed out.
 */
@FunctionalInterface
public interface PinSource {

    /** For entry on the reader's own PIN pad: the host collects nothing. */
    PinSource NONE = () -> null;

    /**
     * The PIN the person typed, 4 to 8 characters '0'..'9'.
     *
     * @return the typed PIN, now owned by the caller; {@code null} when the person cancelled
     */
    char[] takePin();

    /**
     * A source that hands out {@code pin} itself, not a copy: whoever takes it wipes the caller's array,
     * which is what the screen wants (one copy of the PIN, wiped once it was used).
     */
    static PinSource of(char[] pin) {
        return () -> pin;
    }
}
