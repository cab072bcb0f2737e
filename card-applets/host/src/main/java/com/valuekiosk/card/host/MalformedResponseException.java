package com.valuekiosk.card.host;

/** A card answered success with data that does not have our layout: not one of our applets, or a broken one. */
public final class MalformedResponseException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public MalformedResponseException(String message) {
        super(message);
    }
}
