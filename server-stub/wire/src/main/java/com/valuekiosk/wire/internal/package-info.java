/**
 * Not API, and empty for now: where code goes that the messages of {@code com.valuekiosk.wire}
 * need but kiosk and servers must not — a shared check or a mapper detail that has to be public
 * for Java's sake because more than one package uses it. Code that only {@code com.valuekiosk.wire}
 * uses stays package-private there instead (the field checks of {@code Fields}). Another module
 * that imports a class from here fails its architecture test, and no public signature of
 * {@code com.valuekiosk.wire} may mention one ({@code WireArchitectureTest}).
 */
package com.valuekiosk.wire.internal;
