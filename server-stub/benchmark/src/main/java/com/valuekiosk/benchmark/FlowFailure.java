package com.valuekiosk.benchmark;

/**
 * One flow went wrong at {@code step}. The message says what was expected and what came; it
 * never holds a card number, a PIN or a MAC.
 */
final class FlowFailure extends Exception {

    private static final long serialVersionUID = 1L;

    private final String step;

    FlowFailure(String step, String message) {
        super(message);
        this.step = step;
    }

    FlowFailure(String step, String message, Throwable cause) {
        super(message, cause);
        this.step = step;
    }

    String step() {
        return step;
    }
}
