package com.valuekiosk.kiosk.ui;

/** A screen's view model: {@link #reset()} runs when the screen is left and wipes whatever was typed there. */
@FunctionalInterface
public interface Resettable {

    void reset();
}
