package com.valuekiosk.card.cap.translation;

/** Instance fields of every visibility and kind, declared out of token order. */
@SuppressWarnings("unused")
public final class Fields {

    private short count;
    public byte[] buffer;
    private Object owner;
    public short limit;
}
