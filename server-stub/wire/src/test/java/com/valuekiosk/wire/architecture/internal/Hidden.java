package com.valuekiosk.wire.architecture.internal;

/** A stand-in internal type for {@code WireArchitectureTest}: the wire's own internal package is empty. */
public final class Hidden {

    private Hidden() {
    }
}
