package com.valuekiosk.card.capvm;

/**
 * The CAP file cannot be run: a reference that does not link, an instruction the interpreter does
 * not implement, a malformed method. Never what the interpreted code itself throws (those are the
 * Java Card API's exceptions, passed on as they are).
 */
public final class CapVmException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public CapVmException(String message) {
        super(message);
    }

    public CapVmException(String message, Throwable cause) {
        super(message, cause);
    }
}
