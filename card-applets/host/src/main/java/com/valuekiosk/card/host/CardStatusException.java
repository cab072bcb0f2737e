package com.valuekiosk.card.host;

/**
 * The card answered, and refused: the status word says why. (A reader that fails or a card that
 * leaves is {@link CardTransportException}: there is no answer at all.)
 */
public final class CardStatusException extends Exception {

    private static final long serialVersionUID = 1L;

    private final String command;
    private final int sw;

    public CardStatusException(String command, int sw) {
        super(command + " refused by the card: " + StatusWords.format(sw));
        this.command = command;
        this.sw = sw;
    }

    public String command() {
        return command;
    }

    public int sw() {
        return sw;
    }

    /** For VERIFY: tries left after a wrong PIN, 0 when blocked, -1 when the status is of another kind. */
    public int pinTriesRemaining() {
        if ((sw & 0xFFF0) == CardProtocol.SW_PIN_TRIES_REMAINING) {
            return sw & 0x0F;
        }
        return sw == CardProtocol.SW_PIN_BLOCKED ? 0 : -1;
    }
}
