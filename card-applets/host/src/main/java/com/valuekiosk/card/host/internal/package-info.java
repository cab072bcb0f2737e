/**
 * Not API: the byte layouts the host card library builds its public types from — packed BCD,
 * ISO 4217 currency codes, concatenation, and the layout CREDIT and DEBIT share. Only
 * {@code com.valuekiosk.card.host} uses these classes; they are public because Java has no access
 * level between "this package" and "everyone". Any other module that imports one fails its
 * architecture test, and no public signature of {@code com.valuekiosk.card.host} mentions one
 * ({@code HostArchitectureTest}). They may change without notice.
 */
package com.valuekiosk.card.host.internal;
