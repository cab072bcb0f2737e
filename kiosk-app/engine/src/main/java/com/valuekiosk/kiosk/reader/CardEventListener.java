package com.valuekiosk.kiosk.reader;

/**
 * Receives reader events, on the reader's monitoring thread: do little, hand work elsewhere.
 *
 * <p>{@link PcscReader} calls listeners on its monitoring thread (or on whoever calls
 * {@link PcscReader#pollOnce()}). The simulated reader ({@code kiosk-simulated-readers}) calls them, by default, on the thread that caused
 * the event (the test, the card panel, or the flow thread whose command tore), or through the executor it
 * was given. Either way events come one at a time, in the order they happened, and a listener may call
 * the reader back.
 */
@FunctionalInterface
public interface CardEventListener {

    void onEvent(CardEvent event);
}
