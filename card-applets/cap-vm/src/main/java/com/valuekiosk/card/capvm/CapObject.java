package com.valuekiosk.card.capvm;

/**
 * An object of a class of the interpreted package: its class and its instance fields, one cell
 * each (JCVM 4.3.7.5), primitives and references in parallel arrays indexed by
 * {@code class field base + field token}.
 */
interface CapObject {

    CapPackage.CapClass capClass();

    /** byte, boolean and short fields (a byte field holds its sign-extended value). */
    short[] primitiveFields();

    Object[] referenceFields();
}
