package com.valuekiosk.kiosk.flow;

/**
 * Observes a flow's states: the UI shows a screen per state ("Reading your card…", "Contacting the
 * credit company…"). Called on the thread that drives the flow; the UI moves it to its own thread.
 */
@FunctionalInterface
public interface FlowListener<S> {

    void onState(S state);
}
