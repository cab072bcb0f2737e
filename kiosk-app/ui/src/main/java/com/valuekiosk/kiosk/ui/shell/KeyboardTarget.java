package com.valuekiosk.kiosk.ui.shell;

import java.util.function.Consumer;

/**
 * Where a physical keyboard's keys go on one screen or overlay: digits and Backspace to the field the
 * on-screen keypad types into, Escape to the screen's back / menu button. A null part: that key does
 * nothing there (the menu has no back, the confirmation no field).
 */
public record KeyboardTarget(Consumer<Character> digit, Runnable deleteLast, Runnable back) {

    public static final KeyboardTarget NONE = new KeyboardTarget(null, null, null);

    /** A screen without a field whose Escape does {@code back}. */
    public static KeyboardTarget back(Runnable back) {
        return new KeyboardTarget(null, null, back);
    }
}
