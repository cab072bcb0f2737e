/**
 * The JSON messages between kiosk, credit company server and e-money server, and the one strict
 * {@link com.valuekiosk.wire.Json} mapper both sides use. Amounts are integers in the currency's
 * minor unit; card numbers travel in full only inside TLS and appear masked in every
 * {@code toString()}.
 */
package com.valuekiosk.wire;
