package com.valuekiosk.card.capvm;

/** An object of an interpreted class whose external superclass is {@code java.lang.Object}. */
final class CapInstance implements CapObject {

    private final CapPackage.CapClass type;
    private final short[] primitives;
    private final Object[] references;

    CapInstance(CapPackage.CapClass type) {
        this.type = type;
        this.primitives = new short[type.instanceSize];
        this.references = new Object[type.instanceSize];
    }

    @Override
    public CapPackage.CapClass capClass() {
        return type;
    }

    @Override
    public short[] primitiveFields() {
        return primitives;
    }

    @Override
    public Object[] referenceFields() {
        return references;
    }

    @Override
    public String toString() {
        return "class@" + type.offset + " object";
    }
}
